using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Runnel.Core.Errors;
using Runnel.Core.Members;
using Runnel.Core.Services;
using Runnel.Core.Workspaces;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Flows;

/// <summary>API.md §8.6–8.7: triggering, manual enrollment and the members of a flow.</summary>
public static class FlowRuntimeApi
{
    public static IEndpointRouteBuilder MapFlowRuntimeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/flows/{id}").WithTags("Flow members");
        group.MapPost("/trigger", TriggerAsync).RequireScope(Scopes.FlowTrigger);
        group.MapPost("/contacts/{contact_id}", EnrollAsync).RequireScope(Scopes.FlowsWrite);
        group.MapGet("/members", ListMembersAsync).RequireScope(Scopes.FlowsRead)
            .ProducesPage<MemberJson.MemberResponse>("members");
        group.MapGet("/members/{member_id}", GetMemberAsync).RequireScope(Scopes.FlowsRead);
        group.MapDelete("/members/{member_id}", RemoveMemberAsync).RequireScope(Scopes.FlowsWrite);
        return app;
    }

    /// <summary>API.md §8.6; <c>reason</c> only on skipped answers.</summary>
    public sealed record TriggerResponse(
        Guid? Id,
        string Status,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
        Guid FlowId,
        string FlowName,
        Guid ContactId);

    private static async Task<Results<Created<TriggerResponse>, Ok<TriggerResponse>>> TriggerAsync(HttpContext http,
        string id, Body<TriggerFlowRequest> body, EnrollmentService enrollment, CancellationToken ct)
    {
        var caller = ApiCaller.Of(http);
        var outcome = await enrollment.TriggerAsync(caller.WorkspaceId, FlowId(id), body.Value, caller.IsPublic, ct);
        var response = new TriggerResponse(outcome.MemberId, outcome.Status, outcome.Reason, outcome.FlowId,
            outcome.FlowName, outcome.ContactId);
        return outcome.Status == EnrollmentService.Started
            ? TypedResults.Created((string?)null, response)
            : TypedResults.Ok(response);
    }

    private static async Task<Created<MemberJson.MemberResponse>> EnrollAsync(HttpContext http, string id,
        string contact_id, OptionalBody<EnrollContactRequest> body, EnrollmentService enrollment, CancellationToken ct)
    {
        var (member, timeline) = await enrollment.EnrollAsync(ApiCaller.Of(http).WorkspaceId, FlowId(id),
            PathIds.Parse(contact_id, ErrorCodes.ContactNotFound), body.Value, ct);
        return TypedResults.Created((string?)null, MemberJson.From(member, timeline));
    }

    private static async Task<IResult> ListMembersAsync(HttpContext http, string id, Paging paging,
        MemberService members, CancellationToken ct)
    {
        var status = ParseStatus(http.Request.Query["status"].ToString());
        var page = await members.ListForFlowAsync(ApiCaller.Of(http).WorkspaceId, FlowId(id), status, paging.Request,
            ct);
        return paging.Result("members", page, m => MemberJson.From(m));
    }

    private static async Task<Ok<MemberJson.MemberResponse>> GetMemberAsync(HttpContext http, string id,
        string member_id, MemberService members, CancellationToken ct) =>
        Answer(await members.GetAsync(ApiCaller.Of(http).WorkspaceId, FlowId(id), MemberId(member_id), ct));

    private static async Task<Ok<MemberJson.MemberResponse>> RemoveMemberAsync(HttpContext http, string id,
        string member_id, MemberService members, CancellationToken ct) =>
        Answer(await members.RemoveAsync(ApiCaller.Of(http).WorkspaceId, FlowId(id), MemberId(member_id), ct));

    private static Ok<MemberJson.MemberResponse> Answer(MemberDetails details) =>
        TypedResults.Ok(MemberJson.From(details.Member, details.Timeline));

    private static MemberStatus? ParseStatus(string value) => value switch
    {
        "" => null,
        "active" => MemberStatus.Active,
        "waiting" => MemberStatus.Waiting,
        "completed" => MemberStatus.Completed,
        "dropped" => MemberStatus.Dropped,
        "failed" => MemberStatus.Failed,
        _ => throw RunnelException.Invalid("status", "must be active, waiting, completed, dropped or failed"),
    };

    private static Guid FlowId(string id) => PathIds.Parse(id, ErrorCodes.FlowNotFound);

    private static Guid MemberId(string id) => PathIds.Parse(id, ErrorCodes.MemberNotFound);
}
