using System.Text.Json.Nodes;

namespace Runnel.Client;

/// <summary>A contact's membership in a flow (API.md §8.7).</summary>
public sealed class FlowMember
{
    /// <summary>The member's id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The flow.</summary>
    public string FlowId { get; set; } = "";

    /// <summary>The frozen version the member runs on.</summary>
    public int FlowVersion { get; set; }

    /// <summary>The contact.</summary>
    public string ContactId { get; set; } = "";

    /// <summary>One of <see cref="MemberStatuses"/>.</summary>
    public string Status { get; set; } = "";

    /// <summary>The step the member is at.</summary>
    public string? CurrentStepId { get; set; }

    /// <summary>When a waiting member continues.</summary>
    public DateTimeOffset? WakeAt { get; set; }

    /// <summary>When the membership started.</summary>
    public DateTimeOffset EnteredAt { get; set; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? ExitedAt { get; set; }

    /// <summary>Why it ended: one of <see cref="ExitReasons"/>.</summary>
    public string? ExitReason { get; set; }

    /// <summary>Why the member failed.</summary>
    public MemberFailure? Failure { get; set; }

    /// <summary>The trigger context, keys as given.</summary>
    public JsonObject Context { get; set; } = [];

    /// <summary>The manual enrollment's dynamic context, keys as given.</summary>
    public JsonObject DynamicContext { get; set; } = [];

    /// <summary>What happened, oldest first; only when fetched one by one.</summary>
    public IReadOnlyList<TimelineEntry>? Timeline { get; set; }
}
