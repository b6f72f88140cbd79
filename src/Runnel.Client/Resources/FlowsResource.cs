namespace Runnel.Client;

/// <summary>Flows (API.md §8): definitions, activation, triggering and enrollment; steps and members below.</summary>
public sealed class FlowsResource
{
    private static readonly RunnelJsonContext Json = RunnelJsonContext.Default;
    private readonly RunnelTransport _transport;

    internal FlowsResource(RunnelTransport transport)
    {
        _transport = transport;
        Steps = new FlowStepsResource(transport);
        Members = new FlowMembersResource(transport);
    }

    /// <summary>The steps of a flow.</summary>
    public FlowStepsResource Steps { get; }

    /// <summary>The members of a flow.</summary>
    public FlowMembersResource Members { get; }

    /// <summary>One page of flows, each with its stats; by default every flow that is not archived.</summary>
    public Task<RunnelPage<Flow>> ListAsync(ListFlowsRequest? request = null, CancellationToken cancellationToken = default) =>
        _transport.ListAsync(RunnelRoutes.FlowsList, RunnelRoutes.FlowsList.Path(),
            (request ?? new ListFlowsRequest()).ToQuery(), Json.ListFlow, cancellationToken);

    /// <summary>Every flow that matches <paramref name="request"/>, fetching page after page as it is enumerated.</summary>
    public IAsyncEnumerable<Flow> ListAllAsync(ListFlowsRequest? request = null,
        CancellationToken cancellationToken = default) =>
        _transport.ListAllAsync(RunnelRoutes.FlowsList, RunnelRoutes.FlowsList.Path(), request, Json.ListFlow,
            cancellationToken);

    /// <summary>A flow by id; 404 <c>flow_not_found</c> if there is none.</summary>
    public Task<Flow> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.FlowsGet, RunnelRoutes.FlowsGet.Path(id), null, Json.Flow, null,
            cancellationToken);

    /// <summary>Creates a flow in status <c>draft</c>.</summary>
    public Task<Flow> CreateAsync(CreateFlowRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync(request, null, cancellationToken);

    /// <summary>Creates a flow in status <c>draft</c>, with per-call options.</summary>
    public Task<Flow> CreateAsync(CreateFlowRequest request, RequestOptions? requestOptions,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.FlowsCreate, RunnelRoutes.FlowsCreate.Path(), Required(request), Json.Flow,
            requestOptions, cancellationToken);

    /// <summary>
    /// Changes the members of <paramref name="request"/> that are set. Triggers, steps, entry step and reentry policy
    /// change only while the flow is draft or paused (else 409 <c>flow_not_editable</c>).
    /// </summary>
    public Task<Flow> UpdateAsync(string id, UpdateFlowRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.FlowsUpdate, RunnelRoutes.FlowsUpdate.Path(id), Required(request), Json.Flow,
            null, cancellationToken);

    /// <summary>Deletes a flow that is not active (else 409 <c>flow_active</c>).</summary>
    public Task<FlowDeleted> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.FlowsDelete, RunnelRoutes.FlowsDelete.Path(id), null, Json.FlowDeleted, null,
            cancellationToken);

    /// <summary>Activates a flow, freezing its definition as a new version; 400 <c>flow_not_ready</c> lists every
    /// problem in <see cref="RunnelApiException.Missing"/>.</summary>
    public Task<Flow> ActivateAsync(string id, CancellationToken cancellationToken = default) =>
        ActivateAsync(id, null, cancellationToken);

    /// <summary>Activates a flow, with per-call options.</summary>
    public Task<Flow> ActivateAsync(string id, RequestOptions? requestOptions,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.FlowsActivate, RunnelRoutes.FlowsActivate.Path(id), null, Json.Flow,
            requestOptions, cancellationToken);

    /// <summary>Pauses an active flow: no new members, members stop advancing, nobody is dropped.</summary>
    public Task<Flow> PauseAsync(string id, CancellationToken cancellationToken = default) =>
        PauseAsync(id, null, cancellationToken);

    /// <summary>Pauses an active flow, with per-call options.</summary>
    public Task<Flow> PauseAsync(string id, RequestOptions? requestOptions,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.FlowsPause, RunnelRoutes.FlowsPause.Path(id), null, Json.Flow,
            requestOptions, cancellationToken);

    /// <summary>Archives a flow that is not active; its running members are dropped.</summary>
    public Task<Flow> ArchiveAsync(string id, CancellationToken cancellationToken = default) =>
        ArchiveAsync(id, null, cancellationToken);

    /// <summary>Archives a flow that is not active, with per-call options.</summary>
    public Task<Flow> ArchiveAsync(string id, RequestOptions? requestOptions,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.FlowsArchive, RunnelRoutes.FlowsArchive.Path(id), null, Json.Flow,
            requestOptions, cancellationToken);

    /// <summary>A dry run of activation that changes nothing. Answers <c>POST /v1/flows/{id}/validate</c>.</summary>
    public Task<FlowValidation> ValidateAsync(string id, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.FlowsValidate, RunnelRoutes.FlowsValidate.Path(id), null,
            Json.FlowValidation, null, cancellationToken);

    /// <summary>
    /// Starts the flow for one contact through its <c>api</c> trigger, answering once the enrollment is durable:
    /// <see cref="TriggerStatuses.Started"/>, <see cref="TriggerStatuses.AlreadyRunning"/> or
    /// <see cref="TriggerStatuses.Skipped"/> (with <see cref="TriggerResult.Reason"/>).
    /// </summary>
    public Task<TriggerResult> TriggerAsync(TriggerRequest request, CancellationToken cancellationToken = default) =>
        TriggerAsync(request, null, cancellationToken);

    /// <summary>Starts the flow for one contact, with per-call options.</summary>
    public Task<TriggerResult> TriggerAsync(TriggerRequest request, RequestOptions? requestOptions,
        CancellationToken cancellationToken = default)
    {
        Required(request);
        return _transport.SendAsync(RunnelRoutes.FlowsTrigger, RunnelRoutes.FlowsTrigger.Path(request.FlowId), request,
            Json.TriggerResult, requestOptions, cancellationToken);
    }

    /// <summary>
    /// Starts the flow for up to 1,000 recipients in one durable call; one result per recipient, in order. Needs a
    /// server with <c>POST /v1/flows/{id}/trigger/batch</c>.
    /// </summary>
    public Task<TriggerBatchResult> TriggerBatchAsync(string flowId, IEnumerable<TriggerRecipient> recipients,
        CancellationToken cancellationToken = default) =>
        TriggerBatchAsync(flowId, recipients, null, cancellationToken);

    /// <summary>Starts the flow for many recipients, with per-call options.</summary>
    public Task<TriggerBatchResult> TriggerBatchAsync(string flowId, IEnumerable<TriggerRecipient> recipients,
        RequestOptions? requestOptions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        return _transport.SendAsync(RunnelRoutes.FlowsTriggerBatch, RunnelRoutes.FlowsTriggerBatch.Path(flowId),
            new TriggerBatchBody { Recipients = [.. recipients] }, Json.TriggerBatchResult, requestOptions,
            cancellationToken);
    }

    /// <summary>Enrolls an existing contact in an active flow by hand, with optional dynamic context.</summary>
    public Task<FlowMember> EnrollAsync(string flowId, string contactId, EnrollRequest? request = null,
        CancellationToken cancellationToken = default) =>
        EnrollAsync(flowId, contactId, request, null, cancellationToken);

    /// <summary>Enrolls an existing contact in an active flow by hand, with per-call options.</summary>
    public Task<FlowMember> EnrollAsync(string flowId, string contactId, EnrollRequest? request,
        RequestOptions? requestOptions, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.FlowsEnroll, RunnelRoutes.FlowsEnroll.Path(flowId, contactId),
            request ?? new EnrollRequest(), Json.FlowMember, requestOptions, cancellationToken);

    /// <summary>
    /// Per-step and per-edge counts of a version (default the current one). Needs a server with
    /// <c>GET /v1/flows/{id}/step-stats</c>.
    /// </summary>
    public Task<FlowStepStats> StepStatsAsync(string id, int? version = null,
        CancellationToken cancellationToken = default)
    {
        var query = new QueryString();
        query.Add("version", version);
        return _transport.SendAsync(RunnelRoutes.FlowsStepStats, RunnelRoutes.FlowsStepStats.Path(id) + query, null,
            Json.FlowStepStats, null, cancellationToken);
    }

    internal static T Required<T>(T request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        return request;
    }
}
