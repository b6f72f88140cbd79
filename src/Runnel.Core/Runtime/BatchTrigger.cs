using Runnel.Core.Errors;

namespace Runnel.Core.Runtime;

/// <summary>
/// One recipient of <c>POST /v1/flows/{id}/trigger/batch</c> as bound: the body of a single trigger, or the problems
/// that kept it from being read as one (<see cref="Errors"/> set, <see cref="Request"/> null).
/// </summary>
public sealed record BatchTriggerItem(TriggerFlowRequest? Request, IReadOnlyList<FieldError>? Errors = null);

/// <summary>
/// What the batch did with one recipient: <c>started</c>, <c>already_running</c>, <c>skipped</c> (with a reason) or
/// <c>invalid</c> (with the problems, paths relative to the item).
/// </summary>
public sealed record BatchTriggerOutcome(
    int Index,
    string Status,
    Guid? MemberId,
    Guid? ContactId,
    string? Reason,
    IReadOnlyList<FieldError>? Errors);
