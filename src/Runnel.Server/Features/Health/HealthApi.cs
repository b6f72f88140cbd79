using Runnel.Core.Errors;
using Runnel.Core.Storage;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Health;

/// <summary>API.md §14: liveness and readiness.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => ApiResults.Json(new { status = "ok" })).WithTags("Operations");
        app.MapGet("/readyz", ReadyAsync).WithTags("Operations");
        return app;
    }

    private static async Task<IResult> ReadyAsync(IRunnelStore store, CancellationToken ct) =>
        await store.IsReadyAsync(ct)
            ? ApiResults.Json(new { status = "ready" })
            : Problems.Result(new RunnelException(ErrorCodes.Unavailable, "The database is not reachable or not migrated."));
}
