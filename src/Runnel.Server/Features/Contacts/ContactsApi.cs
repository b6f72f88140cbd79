using System.Text.Json.Nodes;
using Runnel.Core;
using Runnel.Core.Contacts;
using Runnel.Core.Errors;
using Runnel.Core.Events;
using Runnel.Core.Services;
using Runnel.Core.Storage;
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
        group.MapPost("/", UpsertAsync).RequireScope(Scopes.ContactsWrite)
            .Produces<UpsertContactResponse>(StatusCodes.Status201Created).Produces<UpsertContactResponse>();
        group.MapGet("/", ListAsync).RequireScope(Scopes.ContactsRead).ProducesPage<ContactResponse>("contacts");
        group.MapGet("/{id}", GetAsync).RequireScope(Scopes.ContactsRead).Produces<ContactResponse>();
        group.MapPatch("/{id}", UpdateAsync).RequireScope(Scopes.ContactsWrite).Produces<ContactResponse>();
        group.MapDelete("/{id}", EraseAsync).RequireScope(Scopes.ContactsWrite)
            .Produces(StatusCodes.Status204NoContent);
        group.MapGet("/{id}/memberships", ListMembershipsAsync).RequireScope(Scopes.ContactsRead)
            .ProducesPage<MemberJson.MemberResponse>("memberships");
        group.MapGet("/{id}/events", ListEventsAsync).RequireScope(Scopes.ContactsRead)
            .ProducesPage<EventResponse>("events");
        return group;
    }

    public sealed record UpsertContactResponse(Guid ContactId, bool Created, ContactResponse Contact);

    public sealed record EventResponse(string EventId, string Name, JsonObject Properties, DateTimeOffset OccurredAt,
        DateTimeOffset CreatedAt);

    private static async Task<IResult> UpsertAsync(HttpContext http, Body<ContactUpsert> body, ContactService service,
        CancellationToken ct)
    {
        var result = await service.UpsertAsync(ApiCaller.Of(http).WorkspaceId, body.Value, ct);
        var response = new UpsertContactResponse(result.Contact.Id, result.Created, ContactJson.From(result.Contact));
        return result.Created ? ApiResults.Created(response) : ApiResults.Json(response);
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

    private static async Task<IResult> GetAsync(HttpContext http, string id, ContactService service,
        CancellationToken ct) =>
        ApiResults.Json(ContactJson.From(await service.GetAsync(ApiCaller.Of(http).WorkspaceId, ContactId(id), ct)));

    private static async Task<IResult> UpdateAsync(HttpContext http, string id, Body<ContactChanges> body,
        ContactService service, CancellationToken ct)
    {
        var contact = await service.UpdateAsync(ApiCaller.Of(http).WorkspaceId, ContactId(id), body.Value, ct);
        return ApiResults.Json(ContactJson.From(contact));
    }

    private static async Task<IResult> EraseAsync(HttpContext http, string id, ContactService service,
        CancellationToken ct)
    {
        await service.EraseAsync(ApiCaller.Of(http).WorkspaceId, ContactId(id), ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The contact's flow memberships. Until the flows runtime exists a contact has none, so this answers the
    /// documented list shape with an empty page; the flows runtime replaces this handler's body.
    /// </summary>
    private static async Task<IResult> ListMembershipsAsync(HttpContext http, string id, Paging paging,
        ContactService service, IRunnelStore store, CancellationToken ct)
    {
        var workspaceId = ApiCaller.Of(http).WorkspaceId;
        var contactId = ContactId(id);
        await service.GetAsync(workspaceId, contactId, ct);
        var page = await store.ReadAsync(s => s.Members.ListForContact(workspaceId, contactId, paging.Request), ct);
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

    /// <summary>A path id that is not a UUID names no contact: 404, as for a missing one.</summary>
    private static Guid ContactId(string id) =>
        Ids.TryParse(id, out var contactId) ? contactId : throw RunnelException.NotFound(ErrorCodes.ContactNotFound);

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
