using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Runnel.Core.Errors;
using Runnel.Core.Flows;
using Runnel.Core.Services;
using Runnel.Core.Workspaces;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Flows;

/// <summary>API.md §8.7: <c>GET /v1/flows/{id}/step-stats?version=</c>, what a builder shows on the canvas.</summary>
public static class FlowStepStatsApi
{
    public static IEndpointRouteBuilder MapFlowStepStatsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/flows/{id}/step-stats", GetAsync).WithTags("Flow members")
            .RequireScope(Scopes.FlowsRead);
        return app;
    }

    private static async Task<Ok<FlowStepStats>> GetAsync(HttpContext http, string id, FlowService flows,
        CancellationToken ct)
    {
        var workspaceId = ApiCaller.Of(http).WorkspaceId;
        var flowId = PathIds.Parse(id, ErrorCodes.FlowNotFound);
        var raw = http.Request.Query["version"].ToString();
        int? version = raw.Length == 0 ? null
            : int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v
            : throw RunnelException.Invalid("version", "must be a positive whole number");
        var stats = await flows.StepStatsAsync(workspaceId, flowId, version, ct);
        return TypedResults.Ok(stats);
    }
}
