using Microsoft.AspNetCore.Http.HttpResults;
using Runnel.Core.Emails;
using Runnel.Core.Errors;
using Runnel.Core.Services;
using Runnel.Core.Workspaces;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Emails;

/// <summary>API.md §7: emails, their approval and previews.</summary>
public static class EmailsApi
{
    public static RouteGroupBuilder MapEmailsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/emails").WithTags("Emails");
        group.MapPost("/", CreateAsync).RequireScope(Scopes.EmailsWrite);
        group.MapGet("/", ListAsync).RequireScope(Scopes.EmailsRead).ProducesPage<EmailResponse>("emails");
        group.MapGet("/{id}", GetAsync).RequireScope(Scopes.EmailsRead);
        group.MapPatch("/{id}", UpdateAsync).RequireScope(Scopes.EmailsWrite);
        group.MapPost("/{id}/approve", ApproveAsync).RequireScope(Scopes.EmailsWrite);
        group.MapPost("/{id}/preview", PreviewAsync).RequireScope(Scopes.EmailsRead);
        return group;
    }

    public sealed record EmailResponse(Guid Id, string Name, string Subject, string? Preheader, string? FromName,
        string? FromEmail, string? ReplyTo, string? Html, string? Text, EmailStatus Status, DateTimeOffset? ApprovedAt,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public sealed record PreviewResponse(string Subject, string? Html, string? Text);

    public sealed record ApproveRequest;

    private static async Task<Created<EmailResponse>> CreateAsync(HttpContext http, Body<CreateEmailRequest> body,
        EmailService service, CancellationToken ct) =>
        TypedResults.Created((string?)null,
            ToResponse(await service.CreateAsync(ApiCaller.Of(http).WorkspaceId, body.Value, ct)));

    private static async Task<IResult> ListAsync(HttpContext http, Paging paging, EmailService service,
        CancellationToken ct)
    {
        var page = await service.ListAsync(ApiCaller.Of(http).WorkspaceId, paging.Request, ct);
        return paging.Result("emails", page, ToResponse);
    }

    private static async Task<Ok<EmailResponse>> GetAsync(HttpContext http, string id, EmailService service,
        CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await service.GetAsync(ApiCaller.Of(http).WorkspaceId, EmailId(id), ct)));

    private static async Task<Ok<EmailResponse>> UpdateAsync(HttpContext http, string id, Body<UpdateEmailRequest> body,
        EmailService service, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(
            await service.UpdateAsync(ApiCaller.Of(http).WorkspaceId, EmailId(id), body.Value, ct)));

    private static async Task<Ok<EmailResponse>> ApproveAsync(HttpContext http,
        string id, OptionalBody<ApproveRequest> body,
        EmailService service, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await service.ApproveAsync(ApiCaller.Of(http).WorkspaceId, EmailId(id), ct)));

    private static async Task<Ok<PreviewResponse>> PreviewAsync(HttpContext http,
        string id, OptionalBody<PreviewEmailRequest> body,
        EmailService service, CancellationToken ct)
    {
        var rendered = await service.PreviewAsync(ApiCaller.Of(http).WorkspaceId, EmailId(id), body.Value, ct);
        return TypedResults.Ok(new PreviewResponse(rendered.Subject, rendered.Html, rendered.Text));
    }

    private static Guid EmailId(string id) => PathIds.Parse(id, ErrorCodes.EmailNotFound);

    private static EmailResponse ToResponse(Email e) => new(e.Id, e.Name, e.Subject, e.Preheader, e.FromName,
        e.FromEmail, e.ReplyTo, e.Html, e.Text, e.Status, e.ApprovedAt, e.CreatedAt, e.UpdatedAt);
}
