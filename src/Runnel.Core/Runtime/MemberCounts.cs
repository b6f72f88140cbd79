namespace Runnel.Core.Runtime;

/// <summary>How many members of a flow are in each status; the source of a flow's <c>stats</c>.</summary>
public sealed record MemberCounts(
    long TotalEntered,
    long Active,
    long Waiting,
    long Completed,
    long Dropped,
    long Failed,
    DateTimeOffset? MostRecentEntryAt)
{
    public static MemberCounts None { get; } = new(0, 0, 0, 0, 0, 0, null);
}
