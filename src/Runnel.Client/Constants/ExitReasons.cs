namespace Runnel.Client;

/// <summary>Common values of <see cref="FlowMember.ExitReason"/>.</summary>
public static class ExitReasons
{
    /// <summary><c>contact_deleted</c>: the contact was erased.</summary>
    public const string ContactDeleted = "contact_deleted";

    /// <summary><c>removed</c>: removed through the API.</summary>
    public const string Removed = "removed";

    /// <summary><c>step_removed</c>: the member's step was removed by a new version.</summary>
    public const string StepRemoved = "step_removed";

    /// <summary><c>disqualified</c>: the contact matched the disqualification rules.</summary>
    public const string Disqualified = "disqualified";

    /// <summary><c>unsubscribed</c>: the contact unsubscribed.</summary>
    public const string Unsubscribed = "unsubscribed";

    /// <summary><c>session_expired</c>: the session TTL passed.</summary>
    public const string SessionExpired = "session_expired";

    /// <summary><c>dropped_by_step</c>: a drop_from_flow step.</summary>
    public const string DroppedByStep = "dropped_by_step";

    /// <summary><c>flow_archived</c>: the flow was archived.</summary>
    public const string FlowArchived = "flow_archived";
}
