using NodaTime;
using Runnel.Core.Flows;
using Runnel.Core.Time;

namespace Runnel.Core.Interpreter;

/// <summary>
/// SMS quiet hours (API.md §12): whether an instant falls inside the daily window in a time zone, and when that window
/// ends. Computed on local wall-clock times with NodaTime, so the window keeps its local hours across DST changes: an
/// end time that a spring-forward skips resolves to the first instant after the gap, an end time that a fall-back
/// repeats to its first occurrence.
/// </summary>
public static class QuietWindow
{
    /// <summary>
    /// The end of the quiet window that <paramref name="now"/> falls in, in <paramref name="timezone"/>; null when
    /// <paramref name="now"/> is outside it (or the window cannot be read, which validation prevents).
    /// </summary>
    public static DateTimeOffset? DeferUntil(DateTimeOffset now, QuietHours? quiet, string timezone)
    {
        if (quiet is null || !WaitCalculator.TryParseTime(quiet.Start, out var start)
            || !WaitCalculator.TryParseTime(quiet.End, out var end) || start == end)
        {
            return null;
        }

        var zone = TimeZones.Get(timezone);
        var instant = Instant.FromDateTimeOffset(now);
        var local = instant.InZone(zone).LocalDateTime;
        var time = local.TimeOfDay;
        var overnight = start > end;
        var inside = overnight ? time >= start || time < end : time >= start && time < end;
        if (!inside)
        {
            return null;
        }

        // Overnight windows (21:00–08:00) that we are in before midnight end tomorrow; otherwise today.
        var endDate = overnight && time >= start ? local.Date.PlusDays(1) : local.Date;
        var release = zone.AtLeniently(endDate.At(end)).ToInstant();
        return release > instant ? release.ToDateTimeOffset() : null;
    }
}
