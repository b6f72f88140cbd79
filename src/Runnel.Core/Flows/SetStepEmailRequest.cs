using Runnel.Core.Json;
using Runnel.Core.Rules;

namespace Runnel.Core.Flows;
/// <summary>The body of <c>PUT /v1/flows/{id}/steps/{step_id}/email</c>: where the step's email comes from.</summary>
public sealed record SetStepEmailRequest(string? Source, string? EmailId, string? TemplateId, string? Subject,
    string? Html);
