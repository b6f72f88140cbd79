namespace Runnel.Core.Members;

/// <summary>The <c>exit_reason</c> values a membership can end with.</summary>
public static class ExitReasons
{
    public const string Completed = "completed";
    public const string DroppedByStep = "dropped_by_step";
    public const string Disqualified = "disqualified";
    public const string Removed = "removed";
    public const string StepRemoved = "step_removed";
    public const string FlowArchived = "flow_archived";
    public const string Unsubscribed = "unsubscribed";
    public const string SessionExpired = "session_expired";
    public const string ContactDeleted = "contact_deleted";
    public const string Failed = "failed";
}
