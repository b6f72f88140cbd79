using System.Text.Json.Serialization;
using Runnel.Core;
using Runnel.Core.Errors;
using Runnel.Core.Members;
using Runnel.Core.Services;
using Runnel.Core.Storage;
using Runnel.Core.Workspaces;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Flows;

/// <summary>API.md §8.6–8.7: triggering, manual enrollment and the members of a flow.</summary>
public static class FlowRuntimeApi
{
    public static IEndpointRouteBuilder MapFlowRuntimeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/flows/{id}").WithTags("Flow members");
        group.MapPost("/trigger", TriggerAsync).RequireScope(Scopes.FlowTrigger).Produces<TriggerResponse>(201);
        group.MapPost("/contacts/{contact_id}", EnrollAsync).RequireScope(Scopes.FlowsWrite)
            .Produces<MemberJson.MemberResponse>(201);
        group.MapGet("/members", ListMembersAsync).RequireScope(Scopes.FlowsRead)
            .ProducesPage<MemberJson.MemberResponse>("members");
        group.MapGet("/members/{member_id}", GetMemberAsync).RequireScope(Scopes.FlowsRead)
            .Produces<MemberJson.MemberResponse>();
        group.MapDelete("/members/{member_id}", RemoveMemberAsync).RequireScope(Scopes.FlowsWrite)
            .Produces<MemberJson.MemberResponse>();
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

    private static async Task<IResult> TriggerAsync(HttpContext http, string id, Body<TriggerFlowRequest> body,
        EnrollmentService enrollment, CancellationToken ct)
    {
        var caller = ApiCaller.Of(http);
        var outcome = await enrollment.TriggerAsync(caller.WorkspaceId, Parse(id, ErrorCodes.FlowNotFound), body.Value,
            caller.IsPublic, ct);
        var response = new TriggerResponse(outcome.MemberId, outcome.Status, outcome.Reason, outcome.FlowId,
            outcome.FlowName, outcome.ContactId);
        return outcome.Status == EnrollmentService.Started ? ApiResults.Created(response) : ApiResults.Json(response);
    }

    private static async Task<IResult> EnrollAsync(HttpContext http, string id, string contact_id,
        OptionalBody<EnrollContactRequest> body, EnrollmentService enrollment, CancellationToken ct)
    {
        var (member, timeline) = await enrollment.EnrollAsync(ApiCaller.Of(http).WorkspaceId,
            Parse(id, ErrorCodes.FlowNotFound), Parse(contact_id, ErrorCodes.ContactNotFound), body.Value, ct);
        return ApiResults.Created(MemberJson.From(member, timeline));
    }

    private static async Task<IResult> ListMembersAsync(HttpContext http, string id, Paging paging, IRunnelStore store,
        CancellationToken ct)
    {
        var workspaceId = ApiCaller.Of(http).WorkspaceId;
        var flowId = Parse(id, ErrorCodes.FlowNotFound);
        var status = ParseStatus(http.Request.Query["status"].ToString());
        var page = await store.ReadAsync(s =>
        {
            _ = s.Flows.Get(workspaceId, flowId) ?? throw RunnelException.NotFound(ErrorCodes.FlowNotFound);
            return s.Members.ListForFlow(workspaceId, flowId, status, paging.Request);
        }, ct);
        return paging.Result("members", page, m => MemberJson.From(m));
    }

    private static async Task<IResult> GetMemberAsync(HttpContext http, string id, string member_id,
        IRunnelStore store, CancellationToken ct)
    {
        var workspaceId = ApiCaller.Of(http).WorkspaceId;
        var flowId = Parse(id, ErrorCodes.FlowNotFound);
        var memberId = Parse(member_id, ErrorCodes.MemberNotFound);
        var (member, timeline) = await store.ReadAsync(s =>
        {
            _ = s.Flows.Get(workspaceId, flowId) ?? throw RunnelException.NotFound(ErrorCodes.FlowNotFound);
            var found = s.Members.Get(workspaceId, flowId, memberId)
                        ?? throw RunnelException.NotFound(ErrorCodes.MemberNotFound);
            return (found, s.Members.GetTimeline(found.Id));
        }, ct);
        return ApiResults.Json(MemberJson.From(member, timeline));
    }

    private static async Task<IResult> RemoveMemberAsync(HttpContext http, string id, string member_id,
        IRunnelStore store, TimeProvider time, CancellationToken ct)
    {
        var workspaceId = ApiCaller.Of(http).WorkspaceId;
        var flowId = Parse(id, ErrorCodes.FlowNotFound);
        var memberId = Parse(member_id, ErrorCodes.MemberNotFound);
        var now = time.GetUtcNow();
        var (member, timeline) = await store.WriteAsync(s =>
        {
            _ = s.Flows.Get(workspaceId, flowId) ?? throw RunnelException.NotFound(ErrorCodes.FlowNotFound);
            var found = s.Members.Get(workspaceId, flowId, memberId)
                        ?? throw RunnelException.NotFound(ErrorCodes.MemberNotFound);
            var after = MemberLifecycle.Drop(s, found, ExitReasons.Removed, now) ?? found;
            return (after, s.Members.GetTimeline(found.Id));
        }, ct);
        return ApiResults.Json(MemberJson.From(member, timeline));
    }

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

    private static Guid Parse(string value, ErrorCode notFound) =>
        Ids.TryParse(value, out var parsed) ? parsed : throw RunnelException.NotFound(notFound);
}
