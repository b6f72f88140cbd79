using Microsoft.AspNetCore.Http.HttpResults;
using Runnel.Core.Errors;
using Runnel.Core.Services;
using Runnel.Core.Workspaces;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Workspaces;

/// <summary>API.md §2: API keys of the caller's workspace.</summary>
public static class ApiKeysApi
{
    public static RouteGroupBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/api-keys").WithTags("API keys").RequireScope(Scopes.KeysAdmin);
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync).ProducesPage<ApiKeyResponse>("api_keys");
        group.MapDelete("/{id}", RevokeAsync);
        return group;
    }

    public sealed record ApiKeyResponse(Guid Id, string Name, string Kind, IReadOnlyList<string> Scopes,
        IReadOnlyList<string>? AllowedOrigins, DateTimeOffset CreatedAt);

    public sealed record CreatedApiKeyResponse(Guid Id, string Name, string Kind, IReadOnlyList<string> Scopes,
        IReadOnlyList<string>? AllowedOrigins, string Key, DateTimeOffset CreatedAt);

    private static async Task<Created<CreatedApiKeyResponse>> CreateAsync(HttpContext http,
        Body<CreateApiKeyRequest> body,
        WorkspaceService service, CancellationToken ct)
    {
        var created = await service.CreateApiKeyAsync(ApiCaller.Of(http).WorkspaceId, body.Value, ct);
        var k = created.Key;
        return TypedResults.Created((string?)null, new CreatedApiKeyResponse(k.Id, k.Name, KindName(k.Kind),
            k.Scopes, k.AllowedOrigins,
            created.Plaintext, k.CreatedAt));
    }

    private static async Task<IResult> ListAsync(HttpContext http, Paging paging, WorkspaceService service,
        CancellationToken ct)
    {
        var page = await service.ListApiKeysAsync(ApiCaller.Of(http).WorkspaceId, paging.Request, ct);
        return paging.Result("api_keys", page, ToResponse);
    }

    private static async Task<NoContent> RevokeAsync(HttpContext http, string id, WorkspaceService service,
        CancellationToken ct)
    {
        await service.RevokeApiKeyAsync(ApiCaller.Of(http).WorkspaceId, PathIds.Parse(id, ErrorCodes.ApiKeyNotFound), ct);
        return TypedResults.NoContent();
    }

    private static ApiKeyResponse ToResponse(ApiKey k) =>
        new(k.Id, k.Name, KindName(k.Kind), k.Scopes, k.AllowedOrigins, k.CreatedAt);

    private static string KindName(ApiKeyKind kind) => kind == ApiKeyKind.Public ? "public" : "secret";
}
