using Runnel.Core.Contacts;

namespace Runnel.Core.Members;
/// <summary>What a trigger call did: <c>started</c>, <c>already_running</c> or <c>skipped</c> (with a reason).</summary>
public sealed record TriggerOutcome(
    Guid? MemberId,
    string Status,
    string? Reason,
    Guid FlowId,
    string FlowName,
    Guid ContactId);
