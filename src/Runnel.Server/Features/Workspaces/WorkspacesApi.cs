using Microsoft.AspNetCore.Http.HttpResults;
using Runnel.Core.Services;
using Runnel.Core.Workspaces;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Workspaces;

/// <summary>API.md §2: workspaces (bootstrap key only).</summary>
public static class WorkspacesApi
{
    public static RouteGroupBuilder MapWorkspacesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/workspaces").WithTags("Workspaces").RequireScope(Scopes.WorkspacesAdmin);
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync).ProducesPage<WorkspaceResponse>("workspaces");
        return group;
    }

    public sealed record WorkspaceResponse(Guid Id, string Name, string Timezone, DateTimeOffset CreatedAt);

    public sealed record CreatedWorkspaceResponse(Guid Id, string Name, string Timezone, string ApiKey,
        DateTimeOffset CreatedAt);

    private static async Task<Created<CreatedWorkspaceResponse>> CreateAsync(Body<CreateWorkspaceRequest> body,
        WorkspaceService service,
        CancellationToken ct)
    {
        var created = await service.CreateWorkspaceAsync(body.Value, ct);
        var w = created.Workspace;
        return TypedResults.Created((string?)null, new CreatedWorkspaceResponse(w.Id, w.Name, w.Timezone,
            created.ApiKey, w.CreatedAt));
    }

    private static async Task<IResult> ListAsync(Paging paging, WorkspaceService service, CancellationToken ct)
    {
        var page = await service.ListWorkspacesAsync(paging.Request, ct);
        return paging.Result("workspaces", page, w => new WorkspaceResponse(w.Id, w.Name, w.Timezone, w.CreatedAt));
    }
}
