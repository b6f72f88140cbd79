using Runnel.Core.Errors;

namespace Runnel.Core.Members;

/// <summary>
/// One recipient of <c>POST /v1/flows/{id}/trigger/batch</c> as bound: the body of a single trigger, or the problems
/// that kept it from being read as one (<see cref="Errors"/> set, <see cref="Request"/> null).
/// </summary>
public sealed record BatchTriggerItem(TriggerFlowRequest? Request, IReadOnlyList<FieldError>? Errors = null);
