using Microsoft.AspNetCore.Http.HttpResults;
using Runnel.Core.Flows;
using Runnel.Core.Services;
using Runnel.Core.Workspaces;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Workspaces;

/// <summary>API.md §2: workspace settings, encrypted secrets and the webhook signing secret.</summary>
public static class SettingsApi
{
    public static IEndpointRouteBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/v1/settings").WithTags("Settings").RequireScope(Scopes.KeysAdmin);
        settings.MapGet("/", GetAsync);
        settings.MapPatch("/", UpdateAsync);

        var secrets = app.MapGroup("/v1/secrets").WithTags("Secrets").RequireScope(Scopes.KeysAdmin);
        secrets.MapPost("/", PutSecretAsync);
        secrets.MapGet("/", ListSecretsAsync);
        secrets.MapDelete("/{name}", DeleteSecretAsync);

        app.MapPost("/v1/webhook-signing-secret/rotate", RotateAsync).WithTags("Secrets")
            .RequireScope(Scopes.KeysAdmin);
        return app;
    }

    public sealed record SettingsResponse(string Timezone, string? PostalAddress, string? SmsHelpText, string? SmsFrom,
        QuietHours? QuietHours, string? DefaultFromEmail, string? DefaultFromName);

    public sealed record SecretResponse(string Name, DateTimeOffset CreatedAt);

    public sealed record SecretsResponse(IReadOnlyList<SecretResponse> Secrets);

    public sealed record SigningSecretResponse(string Secret);

    public sealed record RotateRequest;

    private static async Task<Ok<SettingsResponse>> GetAsync(HttpContext http, WorkspaceService service,
        CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await service.GetSettingsAsync(ApiCaller.Of(http).WorkspaceId, ct)));

    private static async Task<Ok<SettingsResponse>> UpdateAsync(HttpContext http, Body<UpdateSettingsRequest> body,
        WorkspaceService service, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await service.UpdateSettingsAsync(ApiCaller.Of(http).WorkspaceId, body.Value, ct)));

    private static async Task<Created<SecretResponse>> PutSecretAsync(HttpContext http, Body<PutSecretRequest> body,
        WorkspaceService service, CancellationToken ct)
    {
        var info = await service.PutSecretAsync(ApiCaller.Of(http).WorkspaceId, body.Value, ct);
        return TypedResults.Created((string?)null, new SecretResponse(info.Name, info.CreatedAt));
    }

    private static async Task<Ok<SecretsResponse>> ListSecretsAsync(HttpContext http, WorkspaceService service,
        CancellationToken ct)
    {
        var secrets = await service.ListSecretsAsync(ApiCaller.Of(http).WorkspaceId, ct);
        return TypedResults.Ok(new SecretsResponse(secrets.Select(s => new SecretResponse(s.Name,
            s.CreatedAt)).ToArray()));
    }

    private static async Task<NoContent> DeleteSecretAsync(HttpContext http, string name, WorkspaceService service,
        CancellationToken ct)
    {
        await service.DeleteSecretAsync(ApiCaller.Of(http).WorkspaceId, name, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<SigningSecretResponse>> RotateAsync(HttpContext http, OptionalBody<RotateRequest> body,
        WorkspaceService service, CancellationToken ct) =>
        TypedResults.Ok(new SigningSecretResponse(
            await service.RotateSigningSecretAsync(ApiCaller.Of(http).WorkspaceId, ct)));

    private static SettingsResponse ToResponse(Workspace w) =>
        new(w.Timezone, w.PostalAddress, w.SmsHelpText, w.SmsFrom, w.QuietHours, w.DefaultFromEmail, w.DefaultFromName);
}
