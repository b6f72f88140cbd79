using Microsoft.AspNetCore.Http.HttpResults;
using Runnel.Core.Emails;
using Runnel.Core.Errors;
using Runnel.Core.Services;
using Runnel.Core.Workspaces;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Emails;

/// <summary>API.md §7: templates that emails start from.</summary>
public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/templates").WithTags("Templates");
        group.MapPost("/", CreateAsync).RequireScope(Scopes.EmailsWrite);
        group.MapGet("/", ListAsync).RequireScope(Scopes.EmailsRead).ProducesPage<TemplateResponse>("templates");
        group.MapGet("/{id}", GetAsync).RequireScope(Scopes.EmailsRead);
        group.MapPatch("/{id}", UpdateAsync).RequireScope(Scopes.EmailsWrite);
        group.MapDelete("/{id}", DeleteAsync).RequireScope(Scopes.EmailsWrite);
        return group;
    }

    public sealed record TemplateResponse(Guid Id, string Name, string Html, string? Text, DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt);

    private static async Task<Created<TemplateResponse>> CreateAsync(HttpContext http, Body<CreateTemplateRequest> body,
        EmailTemplateService service, CancellationToken ct) =>
        TypedResults.Created((string?)null,
            ToResponse(await service.CreateAsync(ApiCaller.Of(http).WorkspaceId, body.Value, ct)));

    private static async Task<IResult> ListAsync(HttpContext http, Paging paging, EmailTemplateService service,
        CancellationToken ct)
    {
        var page = await service.ListAsync(ApiCaller.Of(http).WorkspaceId, paging.Request, ct);
        return paging.Result("templates", page, ToResponse);
    }

    private static async Task<Ok<TemplateResponse>> GetAsync(HttpContext http, string id, EmailTemplateService service,
        CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await service.GetAsync(ApiCaller.Of(http).WorkspaceId, TemplateId(id), ct)));

    private static async Task<Ok<TemplateResponse>> UpdateAsync(HttpContext http,
        string id, Body<UpdateTemplateRequest> body,
        EmailTemplateService service, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(
            await service.UpdateAsync(ApiCaller.Of(http).WorkspaceId, TemplateId(id), body.Value, ct)));

    private static async Task<NoContent> DeleteAsync(HttpContext http, string id, EmailTemplateService service,
        CancellationToken ct)
    {
        await service.DeleteAsync(ApiCaller.Of(http).WorkspaceId, TemplateId(id), ct);
        return TypedResults.NoContent();
    }

    private static Guid TemplateId(string id) => PathIds.Parse(id, ErrorCodes.TemplateNotFound);

    private static TemplateResponse ToResponse(EmailTemplate t) =>
        new(t.Id, t.Name, t.Html, t.Text, t.CreatedAt, t.UpdatedAt);
}
