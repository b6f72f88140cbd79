using Microsoft.AspNetCore.Http.HttpResults;
using Runnel.Core;
using Runnel.Core.Errors;
using Runnel.Core.Lists;
using Runnel.Core.Rules;
using Runnel.Core.Services;
using Runnel.Core.Workspaces;
using Runnel.Server.Features.Contacts;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Lists;

/// <summary>API.md §4: static and dynamic lists and their members.</summary>
public static class ListsApi
{
    public static IEndpointRouteBuilder MapListsApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/v1/lists").WithTags("Lists").RequireScope(Scopes.ListsRead);
        read.MapGet("/", ListAsync).ProducesPage<ListResponse>("lists");
        read.MapGet("/{id}", GetAsync);
        read.MapGet("/{id}/contacts", ListContactsAsync).ProducesPage<ContactResponse>("contacts");

        var write = app.MapGroup("/v1/lists").WithTags("Lists").RequireScope(Scopes.ListsWrite);
        write.MapPost("/", CreateAsync);
        write.MapPatch("/{id}", UpdateAsync);
        write.MapDelete("/{id}", DeleteAsync);
        write.MapPost("/{id}/contacts", AddContactsAsync);
        write.MapDelete("/{id}/contacts/{contactId}", RemoveContactAsync);
        return app;
    }

    public sealed record ListResponse(Guid Id, string Name, ListType Type, RuleNode? Rules, long MemberCount,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public sealed record AddContactsResponse(int Added, int AlreadyPresent);

    private static async Task<Created<ListResponse>> CreateAsync(HttpContext http,
        Body<CreateListRequest> body, ListService service,
        CancellationToken ct) =>
        TypedResults.Created((string?)null,
            ToResponse(await service.CreateAsync(ApiCaller.Of(http).WorkspaceId, body.Value, ct)));

    private static async Task<IResult> ListAsync(HttpContext http, Paging paging, ListService service,
        CancellationToken ct)
    {
        var page = await service.ListAsync(ApiCaller.Of(http).WorkspaceId, paging.Request, ct);
        return paging.Result("lists", page, ToResponse);
    }

    private static async Task<Ok<ListResponse>> GetAsync(HttpContext http, string id, ListService service,
        CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await service.GetAsync(ApiCaller.Of(http).WorkspaceId, ListId(id), ct)));

    private static async Task<Ok<ListResponse>> UpdateAsync(HttpContext http, string id, Body<UpdateListRequest> body,
        ListService service, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(
            await service.UpdateAsync(ApiCaller.Of(http).WorkspaceId, ListId(id), body.Value, ct)));

    private static async Task<NoContent> DeleteAsync(HttpContext http, string id, ListService service,
        CancellationToken ct)
    {
        await service.DeleteAsync(ApiCaller.Of(http).WorkspaceId, ListId(id), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<AddContactsResponse>> AddContactsAsync(HttpContext http, string id,
        Body<AddListContactsRequest> body, ListService service, CancellationToken ct)
    {
        var result = await service.AddContactsAsync(ApiCaller.Of(http).WorkspaceId, ListId(id), body.Value, ct);
        return TypedResults.Ok(new AddContactsResponse(result.Added, result.AlreadyPresent));
    }

    private static async Task<NoContent> RemoveContactAsync(HttpContext http, string id, string contactId,
        ListService service, CancellationToken ct)
    {
        Guid? member = Ids.TryParse(contactId, out var parsed) ? parsed : null;
        await service.RemoveContactAsync(ApiCaller.Of(http).WorkspaceId, ListId(id), member, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ListContactsAsync(HttpContext http, string id, Paging paging,
        ListService service, CancellationToken ct)
    {
        var page = await service.ListContactsAsync(ApiCaller.Of(http).WorkspaceId, ListId(id), paging.Request, ct);
        return paging.Result("contacts", page, ContactJson.From);
    }

    private static Guid ListId(string id) => PathIds.Parse(id, ErrorCodes.ListNotFound);

    private static ListResponse ToResponse(ListDetails d) => new(d.List.Id, d.List.Name, d.List.Type, d.List.Rules,
        d.MemberCount, d.List.CreatedAt, d.List.UpdatedAt);
}
