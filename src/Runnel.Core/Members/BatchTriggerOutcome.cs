using Runnel.Core.Errors;

namespace Runnel.Core.Members;
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
