using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Runnel.Core.Errors;
using Runnel.Core.Flows;
using Runnel.Core.Rules;
using Runnel.Core.Services;
using Runnel.Core.Workspaces;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Flows;

/// <summary>API.md §8.1–8.5: flow definitions, their steps, and activate / pause / archive.</summary>
public static class FlowsApi
{
    public static IEndpointRouteBuilder MapFlowsApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/v1/flows").WithTags("Flows").RequireScope(Scopes.FlowsRead);
        read.MapGet("/", ListAsync).ProducesPage<FlowResponse>("flows");
        read.MapGet("/{id}", GetAsync);
        read.MapPost("/{id}/validate", ValidateAsync);

        var write = app.MapGroup("/v1/flows").WithTags("Flows").RequireScope(Scopes.FlowsWrite);
        write.MapPost("/", CreateAsync);
        write.MapPatch("/{id}", UpdateAsync);
        write.MapDelete("/{id}", DeleteAsync);
        write.MapPut("/{id}/steps", ReplaceStepsAsync);
        write.MapPost("/{id}/steps", AddStepAsync);
        write.MapPatch("/{id}/steps/{stepId}", UpdateStepAsync);
        write.MapDelete("/{id}/steps/{stepId}", DeleteStepAsync);
        write.MapPut("/{id}/steps/{stepId}/email", SetStepEmailAsync).RequireScope(Scopes.EmailsWrite);
        write.MapPost("/{id}/activate", ActivateAsync);
        write.MapPost("/{id}/pause", PauseAsync);
        write.MapPost("/{id}/archive", ArchiveAsync);
        return app;
    }

    /// <summary>The answer of POST /v1/flows/{id}/validate: the problems activation would report, if any.</summary>
    public sealed record ValidationResponse(bool Ready, IReadOnlyList<FieldError> Missing);

    /// <summary>The flow object of API.md §8.1, members in its order.</summary>
    public sealed record FlowResponse(
        Guid Id,
        string Name,
        string Description,
        FlowStatus Status,
        ReentryPolicy ReentryPolicy,
        IReadOnlyList<FlowTrigger> Triggers,
        string? EntryStepId,
        IReadOnlyList<FlowStep> Steps,
        RuleNode? DisqualificationRules,
        JsonObject? Ui,
        FlowSettings Settings,
        int Version,
        DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt,
        DateTimeOffset? ActivatedAt,
        FlowStats Stats);

    public sealed record DeletedResponse(Guid FlowId, bool Deleted);

    /// <summary>Action endpoints take no options; an empty body or <c>{}</c> is fine.</summary>
    public sealed record NoOptions;

    private static async Task<Created<FlowResponse>> CreateAsync(HttpContext http, Body<CreateFlowRequest> body,
        FlowService flows,
        CancellationToken ct) =>
        TypedResults.Created((string?)null, ToResponse(await flows.CreateAsync(Workspace(http), body.Value, ct)));

    private static async Task<IResult> ListAsync(HttpContext http, Paging paging, FlowService flows,
        CancellationToken ct)
    {
        var page = await flows.ListAsync(Workspace(http), ParseQuery(http.Request.Query), paging.Request, ct);
        return paging.Result("flows", page, v => ToResponse(v));
    }

    private static async Task<Ok<FlowResponse>> GetAsync(HttpContext http, string id, FlowService flows,
        CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await flows.GetAsync(Workspace(http), FlowId(id), ct)));

    private static async Task<Ok<FlowResponse>> UpdateAsync(HttpContext http, string id, Body<UpdateFlowRequest> body,
        FlowService flows, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await flows.UpdateAsync(Workspace(http), FlowId(id), body.Value, ct)));

    private static async Task<Ok<DeletedResponse>> DeleteAsync(HttpContext http, string id, FlowService flows,
        CancellationToken ct)
    {
        var flowId = FlowId(id);
        await flows.DeleteAsync(Workspace(http), flowId, ct);
        return TypedResults.Ok(new DeletedResponse(flowId, true));
    }

    private static async Task<Ok<FlowResponse>> SetStepEmailAsync(HttpContext http, string id, string stepId,
        Body<SetStepEmailRequest> body, FlowService flows, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await flows.SetStepEmailAsync(Workspace(http), FlowId(id), stepId, body.Value, ct)));

    private static async Task<Ok<FlowResponse>> ReplaceStepsAsync(HttpContext http, string id,
        Body<ReplaceStepsRequest> body,
        FlowService flows, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await flows.ReplaceStepsAsync(Workspace(http), FlowId(id), body.Value, ct)));

    private static async Task<Created<FlowResponse>> AddStepAsync(HttpContext http, string id,
        Body<AddStepRequest> body,
        FlowService flows, CancellationToken ct) =>
        TypedResults.Created((string?)null, ToResponse(await flows.AddStepAsync(Workspace(http), FlowId(id),
            body.Value, ct)));

    private static async Task<Ok<FlowResponse>> UpdateStepAsync(HttpContext http, string id, string stepId,
        Body<UpdateStepRequest> body, FlowService flows, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await flows.UpdateStepAsync(Workspace(http), FlowId(id), stepId, body.Value, ct)));

    private static async Task<Ok<FlowResponse>> DeleteStepAsync(HttpContext http, string id, string stepId,
        FlowService flows,
        CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await flows.DeleteStepAsync(Workspace(http), FlowId(id), stepId, ct)));

    private static async Task<Ok<ValidationResponse>> ValidateAsync(HttpContext http, string id,
        OptionalBody<NoOptions> body,
        FlowService flows, CancellationToken ct)
    {
        var missing = await flows.ValidateAsync(Workspace(http), FlowId(id), ct);
        return TypedResults.Ok(new ValidationResponse(missing.Count == 0, missing));
    }

    private static async Task<Ok<FlowResponse>> ActivateAsync(HttpContext http, string id, OptionalBody<NoOptions> body,
        FlowService flows, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await flows.ActivateAsync(Workspace(http), FlowId(id), ct)));

    private static async Task<Ok<FlowResponse>> PauseAsync(HttpContext http, string id, OptionalBody<NoOptions> body,
        FlowService flows, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await flows.PauseAsync(Workspace(http), FlowId(id), ct)));

    private static async Task<Ok<FlowResponse>> ArchiveAsync(HttpContext http, string id, OptionalBody<NoOptions> body,
        FlowService flows, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await flows.ArchiveAsync(Workspace(http), FlowId(id), ct)));

    private static Guid Workspace(HttpContext http) => ApiCaller.Of(http).WorkspaceId;

    private static Guid FlowId(string id) => PathIds.Parse(id, ErrorCodes.FlowNotFound);

    private static FlowListQuery ParseQuery(IQueryCollection query)
    {
        var errors = new ValidationErrors();
        string? Single(string name)
        {
            var values = query[name];
            if (values.Count > 1)
            {
                errors.Add(name, "must be given once");
            }

            return values.Count == 0 ? null : values[0];
        }

        var parsed = FlowListQuery.Parse(Single("status"), Single("archived"), Single("sort_by"), Single("sort_order"),
            Single("search"), errors);
        errors.ThrowIfAny();
        return parsed;
    }

    private static FlowResponse ToResponse(FlowView view)
    {
        var (f, stats) = (view.Flow, view.Stats);
        var d = f.Definition;
        return new FlowResponse(f.Id, f.Name, f.Description, f.Status, d.ReentryPolicy, d.Triggers, d.EntryStepId,
            d.Steps, d.DisqualificationRules, f.Ui, d.Settings, f.Version, f.CreatedAt, f.UpdatedAt, f.ActivatedAt,
            stats);
    }
}
