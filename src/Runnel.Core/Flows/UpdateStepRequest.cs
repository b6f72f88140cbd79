using System.Text.Json.Nodes;
using Runnel.Core.Rules;

namespace Runnel.Core.Flows;
/// <summary><c>PATCH /v1/flows/{id}/steps/{step_id}</c>: members of the step to change; null removes one.</summary>
public sealed record UpdateStepRequest(JsonObject? Step);
