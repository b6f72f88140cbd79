using Runnel.Core.Json;
using Runnel.Core.Rules;

namespace Runnel.Core.Flows;
/// <summary><c>PUT /v1/flows/{id}/steps</c>.</summary>
public sealed record ReplaceStepsRequest(IReadOnlyList<FlowStep?>? Steps);
