using System.Collections;
using System.Globalization;
using DotLiquid;

namespace Runnel.Core.Templates;

/// <summary>
/// Replaces the standard filters that can multiply a string's or an array's size, so building values cannot
/// exhaust memory faster than <see cref="TemplateLimits.MaxRenderTime"/> notices, and makes <c>date</c> read the
/// renderer's clock and treat zone-less values as UTC. Everything else is DotLiquid's standard behaviour.
/// Public static methods are how DotLiquid finds filters; the names are the Liquid names in PascalCase.
/// </summary>
internal static class SandboxFilters
{
    /// <summary>The <see cref="Context.Registers"/> key of the render's "now" (a DateTimeOffset).</summary>
    public const string NowRegister = "runnel_now";

    public static string? Append(string? input, string? other)
    {
        EnsureLength((long)(input?.Length ?? 0) + (other?.Length ?? 0));
        return input + other;
    }

    public static string? Prepend(string? input, string? other)
    {
        EnsureLength((long)(input?.Length ?? 0) + (other?.Length ?? 0));
        return other + input;
    }

    public static string? Replace(Context context, string? input, string? @string, string? replacement)
    {
        if (!string.IsNullOrEmpty(input) && !string.IsNullOrEmpty(@string))
        {
            var growth = Math.Max(0, (replacement?.Length ?? 0) - @string.Length);
            EnsureLength(input.Length + (long)Occurrences(input, @string) * growth);
        }

        return StandardFilters.Replace(context, input, @string, replacement);
    }

    public static string? ReplaceFirst(Context context, string? input, string? @string, string? replacement)
    {
        EnsureLength((long)(input?.Length ?? 0) + (replacement?.Length ?? 0));
        return StandardFilters.ReplaceFirst(context, input, @string, replacement);
    }

    public static string? Join(IEnumerable? input, string glue = " ")
    {
        if (input is not null)
        {
            long length = 0;
            foreach (var item in input)
            {
                length += (item?.ToString()?.Length ?? 0) + (glue?.Length ?? 0);
                EnsureLength(length);
            }
        }

        return StandardFilters.Join(input, glue);
    }

    public static IEnumerable? Concat(IEnumerable? left, IEnumerable? right)
    {
        var items = Count(left) + Count(right);
        if (items > TemplateLimits.MaxArrayItems)
        {
            throw new TemplateLimitException($"an array would hold more than {TemplateLimits.MaxArrayItems} items");
        }

        return StandardFilters.Concat(left, right);
    }

    /// <summary>
    /// Ruby strftime formats (<c>Liquid.UseRubyDateFormat</c>). "now" and "today" are the renderer's clock; RFC 3339
    /// and date-only strings without a zone are UTC, as Runnel stores them; numbers are Unix seconds.
    /// </summary>
    public static string? Date(Context context, object? input, string? format)
    {
        DateTimeOffset? value = input switch
        {
            string s when s.Trim().Equals("now", StringComparison.OrdinalIgnoreCase)
                || s.Trim().Equals("today", StringComparison.OrdinalIgnoreCase) => Now(context),
            string s when DateTimeOffset.TryParse(s.Trim(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) => parsed,
            DateTimeOffset d => d,
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, d.Kind == DateTimeKind.Unspecified
                ? DateTimeKind.Utc : d.Kind)),
            long seconds when seconds is >= -62_135_596_800 and <= 253_402_300_799 =>
                DateTimeOffset.FromUnixTimeSeconds(seconds),
            int seconds => DateTimeOffset.FromUnixTimeSeconds(seconds),
            _ => null,
        };
        if (value is null || string.IsNullOrWhiteSpace(format))
        {
            return input is null ? null : Convert.ToString(input, CultureInfo.InvariantCulture);
        }

        return StandardFilters.Date(context, value.Value.UtcDateTime, format);
    }

    private static DateTimeOffset? Now(Context context) =>
        context.Registers[NowRegister] is DateTimeOffset now ? now : null;

    private static void EnsureLength(long length)
    {
        if (length > TemplateLimits.MaxOutputBytes)
        {
            throw new TemplateLimitException(
                $"a string would be longer than {TemplateLimits.MaxOutputBytes / 1024} Ki characters");
        }
    }

    private static int Occurrences(string input, string value)
    {
        var count = 0;
        for (var at = input.IndexOf(value, StringComparison.Ordinal); at >= 0;
             at = input.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static long Count(IEnumerable? items)
    {
        if (items is null)
        {
            return 0;
        }

        if (items is ICollection collection)
        {
            return collection.Count;
        }

        long count = 0;
        foreach (var unused in items)
        {
            if (++count > TemplateLimits.MaxArrayItems)
            {
                break;
            }
        }

        return count;
    }
}
