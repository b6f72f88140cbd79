using Microsoft.AspNetCore.Http.HttpResults;
using Runnel.Core;
using Runnel.Core.Errors;
using Runnel.Core.Pages;
using Runnel.Core.Services;
using Runnel.Core.Workspaces;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Pages;

/// <summary>API.md §13: hosted pages (<c>/v1/pages</c>) and their public address, <c>/p/{alias}</c>.</summary>
public static class PagesApi
{
    public static IEndpointRouteBuilder MapPagesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/pages").WithTags("Pages");
        group.MapPost("/", CreateAsync).RequireScope(Scopes.FlowsWrite);
        group.MapGet("/", ListAsync).RequireScope(Scopes.FlowsRead).ProducesPage<PageResponse>("pages");
        group.MapGet("/{id}", GetAsync).RequireScope(Scopes.FlowsRead);
        group.MapPatch("/{id}", UpdateAsync).RequireScope(Scopes.FlowsWrite);
        group.MapDelete("/{id}", DeleteAsync).RequireScope(Scopes.FlowsWrite);

        app.MapGet("/p/{alias}", ViewAsync).WithTags("Pages").Produces(StatusCodes.Status200OK, contentType: "text/html");
        return app;
    }

    public sealed record PageResponse(Guid Id, string Name, string Alias, string Url, string Html, Guid? TemplateId,
        Guid? FormId, bool Published, Guid? MemberId, DateTimeOffset? ExpiresAt, long Views, long Submissions,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    private static async Task<Created<PageResponse>> CreateAsync(HttpContext http, Body<CreatePageRequest> body,
        PageService service, RunnelOptions options, CancellationToken ct) =>
        TypedResults.Created((string?)null,
            ToResponse(await service.CreateAsync(ApiCaller.Of(http).WorkspaceId, body.Value, ct), options));

    private static async Task<IResult> ListAsync(HttpContext http, Paging paging, PageService service,
        RunnelOptions options, CancellationToken ct)
    {
        var search = http.Request.Query["search"];
        if (search.Count > 1)
        {
            throw RunnelException.Invalid("search", "must be given once");
        }

        var page = await service.ListAsync(ApiCaller.Of(http).WorkspaceId, search.FirstOrDefault(), paging.Request, ct);
        return paging.Result("pages", page, p => ToResponse(p, options));
    }

    private static async Task<Ok<PageResponse>> GetAsync(HttpContext http, string id, PageService service,
        RunnelOptions options, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await service.GetAsync(ApiCaller.Of(http).WorkspaceId, PageId(id), ct), options));

    private static async Task<Ok<PageResponse>> UpdateAsync(HttpContext http, string id, Body<UpdatePageRequest> body,
        PageService service, RunnelOptions options, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(
            await service.UpdateAsync(ApiCaller.Of(http).WorkspaceId, PageId(id), body.Value, ct), options));

    private static async Task<NoContent> DeleteAsync(HttpContext http, string id, PageService service,
        CancellationToken ct)
    {
        await service.DeleteAsync(ApiCaller.Of(http).WorkspaceId, PageId(id), ct);
        return TypedResults.NoContent();
    }

    /// <summary>Public: a published, unexpired page, counted as a view; anything else is the 404 page.</summary>
    /// <remarks>
    /// Page HTML is checked (parsed and trial-rendered) when written; should a render still fail on a view (its time
    /// budget on a stalled machine), the visitor gets a 503 page, never a problem document.
    /// </remarks>
    private static async Task<IResult> ViewAsync(string alias, PageService service, CancellationToken ct)
    {
        try
        {
            return await service.ViewAsync(alias, ct) is { } view
                ? HostedPages.Serve(view, new Dictionary<string, string>(), [], StatusCodes.Status200OK)
                : HostedPages.NotFound();
        }
        catch (RunnelException error) when (error.Code == ErrorCodes.TemplateRenderFailed)
        {
            return HostedPages.Unavailable();
        }
    }

    private static Guid PageId(string id) => PathIds.Parse(id, ErrorCodes.PageNotFound);

    public static string Url(RunnelOptions options, string alias) => $"{options.PublicUrl}/p/{alias}";

    private static PageResponse ToResponse(LandingPage p, RunnelOptions options) => new(p.Id, p.Name, p.Alias,
        Url(options, p.Alias), p.Html, p.TemplateId, p.FormId, p.Published, p.MemberId, p.ExpiresAt, p.Views,
        p.Submissions, p.CreatedAt, p.UpdatedAt);
}
