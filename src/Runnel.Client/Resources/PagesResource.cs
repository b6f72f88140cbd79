namespace Runnel.Client;

/// <summary>Hosted landing pages (API.md §13).</summary>
public sealed class PagesResource
{
    private static readonly RunnelJsonContext Json = RunnelJsonContext.Default;
    private readonly RunnelTransport _transport;

    internal PagesResource(RunnelTransport transport) => _transport = transport;

    /// <summary>Creates a page.</summary>
    public Task<Page> CreateAsync(CreatePageRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync(request, null, cancellationToken);

    /// <summary>Creates a page, with per-call options.</summary>
    public Task<Page> CreateAsync(CreatePageRequest request, RequestOptions? requestOptions,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.PagesCreate, RunnelRoutes.PagesCreate.Path(),
            FlowsResource.Required(request), Json.Page, requestOptions, cancellationToken);

    /// <summary>One page of pages.</summary>
    public Task<RunnelPage<Page>> ListAsync(ListPagesRequest? request = null, CancellationToken cancellationToken = default) =>
        _transport.ListAsync(RunnelRoutes.PagesList, RunnelRoutes.PagesList.Path(),
            (request ?? new ListPagesRequest()).ToQuery(), Json.ListPage, cancellationToken);

    /// <summary>Every page, one list page after another.</summary>
    public IAsyncEnumerable<Page> ListAllAsync(ListPagesRequest? request = null,
        CancellationToken cancellationToken = default) =>
        _transport.ListAllAsync(RunnelRoutes.PagesList, RunnelRoutes.PagesList.Path(), request, Json.ListPage,
            cancellationToken);

    /// <summary>A page by id.</summary>
    public Task<Page> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.PagesGet, RunnelRoutes.PagesGet.Path(id), null, Json.Page, null,
            cancellationToken);

    /// <summary>Changes a page.</summary>
    public Task<Page> UpdateAsync(string id, UpdatePageRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.PagesUpdate, RunnelRoutes.PagesUpdate.Path(id),
            FlowsResource.Required(request), Json.Page, null, cancellationToken);

    /// <summary>Deletes a page; 409 <c>page_in_use</c> while an active flow's trigger uses it.</summary>
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.PagesDelete, RunnelRoutes.PagesDelete.Path(id), null, null,
            cancellationToken);
}
