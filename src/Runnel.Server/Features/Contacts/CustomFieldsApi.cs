using Microsoft.AspNetCore.Http.HttpResults;
using Runnel.Core.Contacts;
using Runnel.Core.Services;
using Runnel.Core.Workspaces;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Contacts;

/// <summary>API.md §3: custom contact field definitions.</summary>
public static class CustomFieldsApi
{
    public static RouteGroupBuilder MapCustomFieldsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/custom-fields").WithTags("Custom fields");
        group.MapPost("/", CreateAsync).RequireScope(Scopes.ContactsWrite);
        group.MapGet("/", ListAsync).RequireScope(Scopes.ContactsRead).ProducesPage<CustomFieldResponse>("custom_fields");
        group.MapPatch("/{apiName}", UpdateAsync).RequireScope(Scopes.ContactsWrite);
        return group;
    }

    public sealed record CustomFieldResponse(string ApiName, string Label, CustomFieldType Type,
        CustomFieldStatus Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    private static async Task<Created<CustomFieldResponse>> CreateAsync(HttpContext http,
        Body<CreateCustomFieldRequest> body,
        CustomFieldService service, CancellationToken ct) =>
        TypedResults.Created((string?)null,
            ToResponse(await service.CreateAsync(ApiCaller.Of(http).WorkspaceId, body.Value, ct)));

    private static async Task<IResult> ListAsync(HttpContext http, Paging paging, CustomFieldService service,
        CancellationToken ct)
    {
        var page = await service.ListAsync(ApiCaller.Of(http).WorkspaceId, paging.Request, ct);
        return paging.Result("custom_fields", page, ToResponse);
    }

    private static async Task<Ok<CustomFieldResponse>> UpdateAsync(HttpContext http, string apiName,
        Body<UpdateCustomFieldRequest> body, CustomFieldService service, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await service.UpdateAsync(ApiCaller.Of(http).WorkspaceId, apiName, body.Value, ct)));

    private static CustomFieldResponse ToResponse(CustomField f) =>
        new(f.ApiName, f.Label, f.Type, f.Status, f.CreatedAt, f.UpdatedAt);
}
