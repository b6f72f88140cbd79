namespace Runnel.Client;

/// <summary>Forms (API.md §9); submissions come from browsers to <c>/forms/{id}/submit</c>.</summary>
public sealed class FormsResource
{
    private static readonly RunnelJsonContext Json = RunnelJsonContext.Default;
    private readonly RunnelTransport _transport;

    internal FormsResource(RunnelTransport transport) => _transport = transport;

    /// <summary>Creates a form.</summary>
    public Task<Form> CreateAsync(CreateFormRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync(request, null, cancellationToken);

    /// <summary>Creates a form, with per-call options.</summary>
    public Task<Form> CreateAsync(CreateFormRequest request, RequestOptions? requestOptions,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.FormsCreate, RunnelRoutes.FormsCreate.Path(),
            FlowsResource.Required(request), Json.Form, requestOptions, cancellationToken);

    /// <summary>One page of forms.</summary>
    public Task<RunnelPage<Form>> ListAsync(ListRequest? request = null, CancellationToken cancellationToken = default) =>
        _transport.ListAsync(RunnelRoutes.FormsList, RunnelRoutes.FormsList.Path(),
            (request ?? new ListRequest()).ToQuery(), Json.ListForm, cancellationToken);

    /// <summary>Every form, page after page.</summary>
    public IAsyncEnumerable<Form> ListAllAsync(ListRequest? request = null,
        CancellationToken cancellationToken = default) =>
        _transport.ListAllAsync(RunnelRoutes.FormsList, RunnelRoutes.FormsList.Path(), request, Json.ListForm,
            cancellationToken);

    /// <summary>A form by id.</summary>
    public Task<Form> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.FormsGet, RunnelRoutes.FormsGet.Path(id), null, Json.Form, null,
            cancellationToken);

    /// <summary>Changes a form.</summary>
    public Task<Form> UpdateAsync(string id, UpdateFormRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.FormsUpdate, RunnelRoutes.FormsUpdate.Path(id),
            FlowsResource.Required(request), Json.Form, null, cancellationToken);

    /// <summary>Deletes a form.</summary>
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.FormsDelete, RunnelRoutes.FormsDelete.Path(id), null, null,
            cancellationToken);
}
