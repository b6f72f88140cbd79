using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Runnel.Core.Contacts;
using Runnel.Core.Errors;
using Runnel.Core.Services;
using Runnel.Core.Workspaces;
using Runnel.Server.Features.Flows;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Contacts;

/// <summary>API.md §3: contacts, their events and their flow memberships.</summary>
public static class ContactsApi
{
    public static RouteGroupBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/contacts").WithTags("Contacts");
        group.MapPost("/", UpsertAsync).RequireScope(Scopes.ContactsWrite);
        group.MapGet("/", ListAsync).RequireScope(Scopes.ContactsRead).ProducesPage<ContactResponse>("contacts");
        group.MapGet("/{id}", GetAsync).RequireScope(Scopes.ContactsRead);
        group.MapPatch("/{id}", UpdateAsync).RequireScope(Scopes.ContactsWrite);
        group.MapDelete("/{id}", EraseAsync).RequireScope(Scopes.ContactsWrite);
        group.MapGet("/{id}/memberships", ListMembershipsAsync).RequireScope(Scopes.ContactsRead)
            .ProducesPage<MemberJson.MemberResponse>("memberships");
        group.MapGet("/{id}/events", ListEventsAsync).RequireScope(Scopes.ContactsRead)
            .ProducesPage<EventResponse>("events");
        return group;
    }

    public sealed record UpsertContactResponse(Guid ContactId, bool Created, ContactResponse Contact);

    public sealed record EventResponse(string EventId, string Name, JsonObject Properties, DateTimeOffset OccurredAt,
        DateTimeOffset CreatedAt);

    private static async Task<Results<Created<UpsertContactResponse>, Ok<UpsertContactResponse>>> UpsertAsync(
        HttpContext http, Body<ContactUpsert> body, ContactService service, CancellationToken ct)
    {
        var result = await service.UpsertAsync(ApiCaller.Of(http).WorkspaceId, body.Value, ct);
        var response = new UpsertContactResponse(result.Contact.Id, result.Created, ContactJson.From(result.Contact));
        return result.Created ? TypedResults.Created((string?)null, response) : TypedResults.Ok(response);
    }

    private static async Task<IResult> ListAsync(HttpContext http, Paging paging, ContactService service,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var query = new ContactQuery(Filter(http, "email", errors), Filter(http, "phone", errors),
            Filter(http, "external_id", errors), Filter(http, "search", errors));
        errors.ThrowIfAny();
        var page = await service.ListAsync(ApiCaller.Of(http).WorkspaceId, query, paging.Request, ct);
        return paging.Result("contacts", page, ContactJson.From);
    }

    private static async Task<Ok<ContactResponse>> GetAsync(HttpContext http, string id, ContactService service,
        CancellationToken ct) =>
        TypedResults.Ok(ContactJson.From(await service.GetAsync(ApiCaller.Of(http).WorkspaceId, ContactId(id), ct)));

    private static async Task<Ok<ContactResponse>> UpdateAsync(HttpContext http, string id, Body<ContactChanges> body,
        ContactService service, CancellationToken ct)
    {
        var contact = await service.UpdateAsync(ApiCaller.Of(http).WorkspaceId, ContactId(id), body.Value, ct);
        return TypedResults.Ok(ContactJson.From(contact));
    }

    private static async Task<NoContent> EraseAsync(HttpContext http, string id, ContactService service,
        CancellationToken ct)
    {
        await service.EraseAsync(ApiCaller.Of(http).WorkspaceId, ContactId(id), ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ListMembershipsAsync(HttpContext http, string id, Paging paging,
        MemberService members, CancellationToken ct)
    {
        var page = await members.ListForContactAsync(ApiCaller.Of(http).WorkspaceId, ContactId(id), paging.Request,
            ct);
        return paging.Result("memberships", page, m => MemberJson.From(m));
    }

    private static async Task<IResult> ListEventsAsync(HttpContext http, string id, Paging paging,
        EventService service, CancellationToken ct)
    {
        var page = await service.ListForContactAsync(ApiCaller.Of(http).WorkspaceId, ContactId(id), paging.Request,
            ct);
        return paging.Result("events", page,
            e => new EventResponse(e.EventId, e.Name, e.Properties, e.OccurredAt, e.CreatedAt));
    }

    private static Guid ContactId(string id) => PathIds.Parse(id, ErrorCodes.ContactNotFound);

    /// <summary>One optional query value; an empty one means "not filtered".</summary>
    private static string? Filter(HttpContext http, string name, ValidationErrors errors)
    {
        var values = http.Request.Query[name];
        if (values.Count > 1)
        {
            errors.Add(name, "may be given once");
            return null;
        }

        return string.IsNullOrEmpty(values.ToString()) ? null : values.ToString();
    }
}
