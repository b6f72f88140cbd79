using Runnel.Core.Json;
using Runnel.Core.Rules;

namespace Runnel.Core.Flows;
/// <summary><c>POST /v1/flows/{id}/steps</c>: the step, and at most one of the three ways to place it.</summary>
public sealed record AddStepRequest(FlowStep? Step, string? Position, string? BeforeStepId, string? AfterStepId);
