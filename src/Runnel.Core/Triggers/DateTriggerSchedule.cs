using System.Globalization;
using NodaTime;
using Runnel.Core.Flows;
using Runnel.Core.Time;

namespace Runnel.Core.Triggers;

/// <summary>
/// The calendar of one date_based trigger (API.md §8.2): when its daily run falls, in its timezone, and which field
/// dates a run on a given local day matches. Pure; docs/triggers-and-forms.md describes the rules.
/// </summary>
public sealed class DateTriggerSchedule
{
    public const string DefaultTime = "09:00";

    private readonly DateTimeZone _zone;
    private readonly LocalTime _at;
    private readonly DateBasedTrigger _trigger;

    public DateTriggerSchedule(DateBasedTrigger trigger)
    {
        _trigger = trigger;
        _zone = TimeZones.Get(trigger.Timezone ?? TimeZones.Utc);
        var parts = (trigger.TriggerTime ?? DefaultTime).Split(':');
        _at = new LocalTime(int.Parse(parts[0], CultureInfo.InvariantCulture),
            int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// When the run of local day <paramref name="day"/> happens. A time skipped by a DST jump runs shifted forward by
    /// the gap (02:30 on a spring-forward night runs at 03:30); a time that occurs twice runs at its first occurrence
    /// (NodaTime's lenient resolver).
    /// </summary>
    public DateTimeOffset RunAt(LocalDate day) =>
        day.At(_at).InZoneLeniently(_zone).ToDateTimeOffset().ToUniversalTime();

    /// <summary>The latest run at or before <paramref name="now"/>, with its local day.</summary>
    public (LocalDate Day, DateTimeOffset At) LatestRun(DateTimeOffset now)
    {
        var today = Instant.FromDateTimeOffset(now).InZone(_zone).Date;
        var at = RunAt(today);
        return at <= now ? (today, at) : (today.PlusDays(-1), RunAt(today.PlusDays(-1)));
    }

    /// <summary>The first run strictly after <paramref name="now"/>.</summary>
    public DateTimeOffset NextRun(DateTimeOffset now)
    {
        var today = Instant.FromDateTimeOffset(now).InZone(_zone).Date;
        var at = RunAt(today);
        return at > now ? at : RunAt(today.PlusDays(1));
    }

    /// <summary>The field date a run on <paramref name="day"/> looks for (before the anniversary widening).</summary>
    public LocalDate TargetDate(LocalDate day) => _trigger.Mode switch
    {
        "before_date" => day.PlusDays(_trigger.DaysBefore ?? 0),
        "after_date" => day.PlusDays(-(_trigger.DaysAfter ?? 0)),
        _ => day,
    };

    /// <summary>
    /// With include_anniversaries, the month-days (MM-dd) that match <paramref name="target"/> in any year: its own,
    /// and on 28 February of a non-leap year also 02-29, so leap-day dates have an anniversary every year.
    /// Null without anniversaries (only the exact date matches).
    /// </summary>
    public IReadOnlyList<string>? AnniversaryMonthDays(LocalDate target)
    {
        if (_trigger.IncludeAnniversaries != true)
        {
            return null;
        }

        var own = target.ToString("MM-dd", CultureInfo.InvariantCulture);
        return target is { Month: 2, Day: 28 } && !CalendarSystem.Iso.IsLeapYear(target.Year) ? [own, "02-29"] : [own];
    }

    public static string Format(LocalDate day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
