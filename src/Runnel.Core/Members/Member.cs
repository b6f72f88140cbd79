using System.Text.Json.Nodes;

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

    /// <summary>
    /// A contact entering a flow version now: active at the entry step, due at once, first visit, no attempts, no
    /// engagement yet, revision 0. The contexts are copied, so the caller's objects stay its own.
    /// </summary>
    public static Member Enroll(Guid id, Guid workspaceId, Guid flowId, int flowVersion, Guid contactId,
        string? entryStepId, JsonObject? context, JsonObject? dynamicContext, DateTimeOffset now) => new(
        Id: id,
        WorkspaceId: workspaceId,
        FlowId: flowId,
        FlowVersion: flowVersion,
        ContactId: contactId,
        Status: MemberStatus.Active,
        CurrentStepId: entryStepId,
        WakeAt: now,
        WaitDeadline: null,
        WaitKind: null,
        Visit: 0,
        Attempts: 0,
        EnteredAt: now,
        ExitedAt: null,
        ExitReason: null,
        Failure: null,
        Context: (JsonObject?)context?.DeepClone() ?? [],
        DynamicContext: (JsonObject?)dynamicContext?.DeepClone() ?? [],
        Engagement: [],
        LastActivityAt: now,
        Revision: 0);

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
