using System.Text.Json.Nodes;

namespace Runnel.Client;

/// <summary>The steps of a draft or paused flow (API.md §8.4); each call answers the whole flow.</summary>
public sealed class FlowStepsResource
{
    private static readonly RunnelJsonContext Json = RunnelJsonContext.Default;
    private readonly RunnelTransport _transport;

    internal FlowStepsResource(RunnelTransport transport) => _transport = transport;

    /// <summary>Replaces every step of the flow.</summary>
    public Task<Flow> ReplaceAsync(string flowId, IEnumerable<FlowStep> steps,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return _transport.SendAsync(RunnelRoutes.StepsReplace, RunnelRoutes.StepsReplace.Path(flowId),
            new ReplaceStepsBody { Steps = [.. steps] }, Json.Flow, null, cancellationToken);
    }

    /// <summary>Inserts one step (at the end unless placed); edges are not rewritten.</summary>
    public Task<Flow> InsertAsync(string flowId, InsertStepRequest request,
        CancellationToken cancellationToken = default) =>
        InsertAsync(flowId, request, null, cancellationToken);

    /// <summary>Inserts one step, with per-call options.</summary>
    public Task<Flow> InsertAsync(string flowId, InsertStepRequest request, RequestOptions? requestOptions,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.StepsInsert, RunnelRoutes.StepsInsert.Path(flowId),
            FlowsResource.Required(request), Json.Flow, requestOptions, cancellationToken);

    /// <summary>
    /// Merges <paramref name="changes"/> into the step: snake_case members as on the wire
    /// (<c>{"duration_amount": 3}</c>), a JSON null removes a member, <c>step_id</c> cannot change.
    /// </summary>
    public Task<Flow> UpdateAsync(string flowId, string stepId, JsonObject changes,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return _transport.SendAsync(RunnelRoutes.StepsUpdate, RunnelRoutes.StepsUpdate.Path(flowId, stepId),
            new UpdateStepBody { Step = changes }, Json.Flow, null, cancellationToken);
    }

    /// <summary>Removes one step.</summary>
    public Task<Flow> DeleteAsync(string flowId, string stepId, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.StepsDelete, RunnelRoutes.StepsDelete.Path(flowId, stepId), null, Json.Flow,
            null, cancellationToken);

    /// <summary>Sets a <c>send_email</c> step's email: an existing one, or a new draft from a template, HTML or blank.</summary>
    public Task<Flow> SetEmailAsync(string flowId, string stepId, SetStepEmailRequest request,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.StepsSetEmail, RunnelRoutes.StepsSetEmail.Path(flowId, stepId),
            FlowsResource.Required(request), Json.Flow, null, cancellationToken);
}
