namespace Runnel.Client;

/// <summary>Values of <see cref="FlowMember.Status"/>.</summary>
public static class MemberStatuses
{
    /// <summary><c>active</c>: running a step.</summary>
    public const string Active = "active";

    /// <summary><c>waiting</c>: waiting for time, a condition or a reply.</summary>
    public const string Waiting = "waiting";

    /// <summary><c>completed</c>: reached the end.</summary>
    public const string Completed = "completed";

    /// <summary><c>dropped</c>: left early (see <see cref="FlowMember.ExitReason"/>).</summary>
    public const string Dropped = "dropped";

    /// <summary><c>failed</c>: a step failed for good (see <see cref="FlowMember.Failure"/>).</summary>
    public const string Failed = "failed";
}
