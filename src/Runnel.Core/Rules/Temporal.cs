namespace Runnel.Core.Rules;

/// <summary>A point in time read from a rule operand; dates (no time of day) compare by UTC day.</summary>
internal readonly record struct Temporal(DateTimeOffset Instant, bool IsDate)
{
    public DateOnly Day => DateOnly.FromDateTime(Instant.UtcDateTime);

    /// <summary>Date against date-time compares whole UTC days: "2026-12-01" equals any instant on that day.</summary>
    public static int Compare(Temporal a, Temporal b) =>
        a.IsDate || b.IsDate ? a.Day.CompareTo(b.Day) : a.Instant.CompareTo(b.Instant);
}
