using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Runnel.Core.Errors;
using Runnel.Core.Json;
using Runnel.Core.Members;
using Runnel.Core.Services;
using Runnel.Core.Workspaces;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Flows;

/// <summary>API.md §8.6: <c>POST /v1/flows/{id}/trigger/batch</c>, up to 1,000 trigger bodies in one call.</summary>
public static class FlowBatchApi
{
    public static IEndpointRouteBuilder MapFlowBatchApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/flows/{id}/trigger/batch", TriggerBatchAsync).WithTags("Flow members")
            .RequireScope(Scopes.FlowTrigger)
            // Read in the handler, after the secret-key check (docs/security.md: authorization before the body).
            .WithMetadata(new JsonBodyMetadata(typeof(TriggerBatchRequest), IsOptional: false));
        return app;
    }

    /// <summary>
    /// The body. Each recipient is read on its own, so one that is not a valid trigger body is reported as that item's
    /// <c>invalid</c> outcome instead of failing the batch.
    /// </summary>
    public sealed record TriggerBatchRequest(IReadOnlyList<JsonElement>? Recipients);

    public sealed record TriggerBatchResponse(IReadOnlyList<TriggerBatchItemResponse> Results);

    /// <summary>One recipient's outcome; <c>reason</c> only when skipped, <c>errors</c> only when invalid.</summary>
    public sealed record TriggerBatchItemResponse(
        int Index,
        string Status,
        Guid? Id,
        Guid? ContactId,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FieldError>? Errors);

    private static async Task<Ok<TriggerBatchResponse>> TriggerBatchAsync(HttpContext http, string id,
        EnrollmentService enrollment,
        CancellationToken ct)
    {
        var caller = ApiCaller.Of(http);
        if (caller.IsPublic)
        {
            throw new RunnelException(ErrorCodes.ForbiddenScope,
                "Batch triggers need a secret API key: a public key starts one recipient at a time.");
        }

        var body = await RequestBody.ReadAsync<TriggerBatchRequest>(http);
        if (body.Recipients is not { } recipients)
        {
            throw RunnelException.Invalid("recipients", "is required");
        }

        var flowId = PathIds.Parse(id, ErrorCodes.FlowNotFound);
        var outcomes = await enrollment.TriggerBatchAsync(caller.WorkspaceId, flowId,
            recipients.Select(Read).ToArray(), ct);
        return TypedResults.Ok(new TriggerBatchResponse(outcomes
            .Select(o => new TriggerBatchItemResponse(o.Index, o.Status, o.MemberId, o.ContactId, o.Reason, o.Errors))
            .ToArray()));
    }

    /// <summary>One recipient under the same strict mapping as the body of a single trigger, paths relative to it.</summary>
    private static BatchTriggerItem Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new BatchTriggerItem(null, [new FieldError("", "must be a JSON object")]);
        }

        try
        {
            return new BatchTriggerItem(element.Deserialize<TriggerFlowRequest>(RunnelJson.Options));
        }
        catch (JsonException error)
        {
            return new BatchTriggerItem(null, [JsonErrors.Describe(error, typeof(TriggerFlowRequest))]);
        }
        catch (NotSupportedException error)
        {
            return new BatchTriggerItem(null, [JsonErrors.Describe(error, typeof(TriggerFlowRequest))]);
        }
        catch (InvalidOperationException error)
        {
            return new BatchTriggerItem(null, [new FieldError("", error.Message)]);
        }
    }
}
