namespace Runnel.Client;

/// <summary>Membership counts of a flow.</summary>
public sealed class FlowStats
{
    /// <summary>Memberships ever started.</summary>
    public long TotalEntered { get; set; }

    /// <summary>Memberships running a step now.</summary>
    public long ActiveCount { get; set; }

    /// <summary>Memberships waiting (a wait step, a reply, a retry).</summary>
    public long WaitingCount { get; set; }

    /// <summary>Memberships that reached the end.</summary>
    public long CompletedCount { get; set; }

    /// <summary>Memberships that were dropped.</summary>
    public long DroppedCount { get; set; }

    /// <summary>Memberships whose step failed for good.</summary>
    public long FailedCount { get; set; }

    /// <summary>When the latest membership started.</summary>
    public DateTimeOffset? MostRecentEntryAt { get; set; }
}
