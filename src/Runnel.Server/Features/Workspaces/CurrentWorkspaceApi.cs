using Runnel.Core.Services;
using Runnel.Core.Workspaces;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Workspaces;

/// <summary>
/// <c>GET /v1/workspace</c>: the workspace of the calling key and what that key may do, for any valid key (no scope):
/// how the web UI shows who is signed in. Documented in docs/ui.md (an addition to API.md §2).
/// </summary>
public static class CurrentWorkspaceApi
{
    public static IEndpointRouteBuilder MapCurrentWorkspaceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/workspace", GetAsync).WithTags("Workspaces")
            .WithSummary("The calling key's workspace and the key's own name, kind and scopes")
            .Produces<CurrentWorkspaceResponse>();
        return app;
    }

    public sealed record CallerKeyResponse(Guid Id, string Name, string Kind, IReadOnlyList<string> Scopes);

    public sealed record CurrentWorkspaceResponse(Guid Id, string Name, string Timezone, CallerKeyResponse ApiKey);

    private static async Task<IResult> GetAsync(HttpContext http, WorkspaceService service, CancellationToken ct)
    {
        var caller = ApiCaller.Of(http);
        var workspace = await service.GetSettingsAsync(caller.WorkspaceId, ct);
        var key = caller.Key;
        return ApiResults.Json(new CurrentWorkspaceResponse(workspace.Id, workspace.Name, workspace.Timezone,
            new CallerKeyResponse(key.Id, key.Name, key.Kind == ApiKeyKind.Public ? "public" : "secret", key.Scopes)));
    }
}
