namespace Runnel.Core.Flows;

/// <summary>Membership counts of a flow, as the flow object's <c>stats</c> shows them (API.md §8.1).</summary>
public sealed record FlowStats(
    long TotalEntered,
    long ActiveCount,
    long WaitingCount,
    long CompletedCount,
    long DroppedCount,
    long FailedCount,
    DateTimeOffset? MostRecentEntryAt)
{
    public static FlowStats Zero { get; } = new(0, 0, 0, 0, 0, 0, null);
}
