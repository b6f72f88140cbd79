using System.Text.Json.Nodes;
using Runnel.Core.Interpreter;

namespace Runnel.Core.Members;

/// <summary>
/// One contact's run through one flow. <see cref="Revision"/> increases with every committed change, so a runner that
/// computed a new state from an older row cannot overwrite a newer one.
/// </summary>
public sealed record Member(
    Guid Id,
    Guid WorkspaceId,
    Guid FlowId,
    int FlowVersion,
    Guid ContactId,
    MemberStatus Status,
    string? CurrentStepId,
    DateTimeOffset? WakeAt,
    DateTimeOffset? WaitDeadline,
    string? WaitKind,
    int Visit,
    int Attempts,
    DateTimeOffset EnteredAt,
    DateTimeOffset? ExitedAt,
    string? ExitReason,
    MemberFailure? Failure,
    JsonObject Context,
    JsonObject DynamicContext,
    JsonObject Engagement,
    DateTimeOffset LastActivityAt,
    long Revision)
{
    public bool IsRunning => Status is MemberStatus.Active or MemberStatus.Waiting;

    /// <summary>This member ended now with a final status and reason: no longer scheduled.</summary>
    public Member Ended(MemberStatus status, string reason, DateTimeOffset at, MemberFailure? failure = null) => this with
    {
        Status = status,
        ExitedAt = at,
        ExitReason = reason,
        Failure = failure ?? Failure,
        WakeAt = null,
        WaitDeadline = null,
        WaitKind = null,
    };
}
