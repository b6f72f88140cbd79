using System.Globalization;
using Fluid;
using Fluid.Values;

namespace Runnel.Core.Templates;

/// <summary>
/// Runnel's changes to Fluid's standard filters. The ones that can multiply a string's or an array's size check the
/// size first, so building values cannot exhaust memory faster than <see cref="TemplateLimits.MaxRenderTime"/>
/// notices; <c>date</c> treats zone-less values as UTC; arithmetic prints <c>241</c>, not <c>241.0</c>; and every
/// filter checks the render's deadline and renders empty when it fails on its input (dividing by zero, a bad
/// number) instead of failing the whole message.
/// </summary>
internal static class SandboxFilters
{
    private static readonly string[] Arithmetic = ["plus", "minus", "times", "divided_by", "modulo"];

    public static void Register(FilterCollection filters)
    {
        var standard = filters.ToDictionary(filter => filter.Key, filter => filter.Value, StringComparer.Ordinal);
        var date = standard["date"];
        var own = new Dictionary<string, FilterDelegate>(standard, StringComparer.Ordinal)
        {
            // The alias of escape that Runnel's Liquid has always had (from DotLiquid), which templates may use.
            ["h"] = standard["escape"],
            ["append"] = Checked(standard["append"], (input, arguments, _) => Length(input) + Length(arguments.At(0))),
            ["prepend"] = Checked(standard["prepend"], (input, arguments, _) => Length(input) + Length(arguments.At(0))),
            ["replace"] = Checked(standard["replace"], ReplacedLength),
            ["replace_first"] = Checked(standard["replace_first"],
                (input, arguments, _) => Length(input) + Length(arguments.At(1))),
            ["join"] = Checked(standard["join"], JoinedLength),
            ["concat"] = (input, arguments, context) =>
            {
                if (Count(input) + Count(arguments.At(0)) > TemplateLimits.MaxArrayItems)
                {
                    throw new TemplateLimitException(
                        $"an array would hold more than {TemplateLimits.MaxArrayItems} items");
                }

                return standard["concat"](input, arguments, context);
            },
            ["date"] = (input, arguments, context) => Date(date, input, arguments, context),
        };
        foreach (var name in Arithmetic)
        {
            var filter = standard[name];
            own[name] = async (input, arguments, context) =>
                await filter(input, arguments, context) is NumberValue number
                    ? NumberValue.Create(number.ToNumberValue() / 1.000000000000000000000000000000000m)
                    : NilValue.Instance;
        }

        foreach (var (name, filter) in own)
        {
            filters.AddFilter(name, Guarded(filter));
        }
    }

    public static TemplateLimitException TooLong() =>
        new($"a string would be longer than {TemplateLimits.MaxOutputBytes / 1024} Ki characters");

    /// <summary>
    /// A filter that fails on its input yields nil, as Liquid's forgiving rendering does; a sandbox limit and the
    /// deadline still end the render.
    /// </summary>
    private static FilterDelegate Guarded(FilterDelegate filter) => async (input, arguments, context) =>
    {
        RenderScope.Of(context).Deadline.ThrowIfCancellationRequested();
        try
        {
            return await filter(input, arguments, context);
        }
        catch (Exception error) when (error is not (TemplateLimitException or OperationCanceledException
                                          or OutOfMemoryException))
        {
            return NilValue.Instance;
        }
    };

    private static FilterDelegate Checked(FilterDelegate filter, Func<FluidValue, FilterArguments, TemplateContext, long> length) =>
        (input, arguments, context) =>
        {
            if (length(input, arguments, context) > TemplateLimits.MaxOutputBytes)
            {
                throw TooLong();
            }

            return filter(input, arguments, context);
        };

    private static long ReplacedLength(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var text = input.ToStringValue();
        var find = arguments.At(0).ToStringValue();
        if (text.Length == 0 || find.Length == 0)
        {
            return text.Length;
        }

        var growth = Math.Max(0, Length(arguments.At(1)) - find.Length);
        return text.Length + (Occurrences(text, find) * growth);
    }

    private static long JoinedLength(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var glue = arguments.Count > 0 ? Length(arguments.At(0)) : 1;
        long length = 0;
        foreach (var item in input.Enumerate(context))
        {
            length += Length(item) + glue;
            if (length > TemplateLimits.MaxOutputBytes)
            {
                break;
            }
        }

        return length;
    }

    /// <summary>
    /// Ruby strftime formats. "now" and "today" are the renderer's clock; RFC 3339 and date-only strings without a
    /// zone are UTC, as Runnel stores them; numbers are Unix seconds. A value that is no date comes back as it was.
    /// </summary>
    private static ValueTask<FluidValue> Date(FilterDelegate standard, FluidValue input, FilterArguments arguments,
        TemplateContext context)
    {
        var text = input.Type == FluidValues.String ? input.ToStringValue().Trim() : null;
        DateTimeOffset? value = input switch
        {
            _ when text is not null && (text.Equals("now", StringComparison.OrdinalIgnoreCase)
                                        || text.Equals("today", StringComparison.OrdinalIgnoreCase)) => context.Now(),
            _ when text is not null => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                ? parsed
                : null,
            NumberValue number when number.ToNumberValue() is >= -62_135_596_800m and <= 253_402_300_799m =>
                DateTimeOffset.FromUnixTimeSeconds((long)number.ToNumberValue()),
            DateTimeValue => input.ToObjectValue() switch
            {
                DateTimeOffset d => d,
                DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
                _ => null,
            },
            _ => null,
        };
        if (value is null || string.IsNullOrWhiteSpace(arguments.At(0).ToStringValue()))
        {
            return ValueTask.FromResult(input.IsNil() ? NilValue.Instance : (FluidValue)new StringValue(
                input.ToStringValue()));
        }

        return standard(new DateTimeValue(value.Value.ToUniversalTime()), arguments, context);
    }

    private static long Length(FluidValue value) => value.IsNil() ? 0 : value.ToStringValue().Length;

    private static long Count(FluidValue value) =>
        value is ArrayValue array ? array.Values.Count : value.IsNil() ? 0 : 1;

    private static long Occurrences(string input, string value)
    {
        long count = 0;
        for (var at = input.IndexOf(value, StringComparison.Ordinal); at >= 0;
             at = input.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
