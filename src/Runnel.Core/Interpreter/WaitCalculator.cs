using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Runnel.Core.Time;

namespace Runnel.Core.Interpreter;

/// <summary>
/// When a wait releases. Durations are absolute (2 days = 48 hours); an <c>at_time</c> then moves the release to the
/// next such wall-clock time in the chosen zone, DST-correct (a time skipped by a spring-forward resolves forward).
/// </summary>
public static class WaitCalculator
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    public static TimeSpan Duration(int amount, string unit) => unit switch
    {
        "minutes" => TimeSpan.FromMinutes(amount),
        "hours" => TimeSpan.FromHours(amount),
        "days" => TimeSpan.FromDays(amount),
        "weeks" => TimeSpan.FromDays(7 * amount),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown duration unit."),
    };

    public static bool TryParseTime(string? text, out LocalTime time)
    {
        time = default;
        if (text is null)
        {
            return false;
        }

        var result = TimePattern.Parse(text);
        if (!result.Success)
        {
            return false;
        }

        time = result.Value;
        return true;
    }

    /// <summary>The first instant at or after <paramref name="earliest"/> whose local time in the zone is <paramref name="at"/>.</summary>
    public static DateTimeOffset NextLocalTime(DateTimeOffset earliest, LocalTime at, string timezone)
    {
        var zone = TimeZones.Get(timezone);
        var local = Instant.FromDateTimeOffset(earliest).InZone(zone).LocalDateTime;
        var candidate = local.Date.At(at);
        var resolved = zone.AtLeniently(candidate).ToInstant();
        if (resolved < Instant.FromDateTimeOffset(earliest))
        {
            resolved = zone.AtLeniently(local.Date.PlusDays(1).At(at)).ToInstant();
        }

        return resolved.ToDateTimeOffset();
    }

    /// <summary>
    /// The release instant for <c>until_date_field</c>: a date value means the start of that day (plus offset days)
    /// in <paramref name="timezone"/>; a date-time value means that instant plus offset days. Null when the value is
    /// missing or unreadable.
    /// </summary>
    public static DateTimeOffset? UntilDate(string? value, int offsetDays, string timezone)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var date = DatePattern.Parse(value);
        if (date.Success)
        {
            var zone = TimeZones.Get(timezone);
            return zone.AtStartOfDay(date.Value.PlusDays(offsetDays)).ToDateTimeOffset();
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant.AddDays(offsetDays);
        }

        return null;
    }
}
