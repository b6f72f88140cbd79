namespace Runnel.Client;

/// <summary>API keys of the workspace (API.md §2); needs <c>KEYS_ADMIN</c>.</summary>
public sealed class ApiKeysResource
{
    private static readonly RunnelJsonContext Json = RunnelJsonContext.Default;
    private readonly RunnelTransport _transport;

    internal ApiKeysResource(RunnelTransport transport) => _transport = transport;

    /// <summary>Creates a key; the answer's <see cref="ApiKey.Key"/> is the only time the full key is shown.</summary>
    public Task<ApiKey> CreateAsync(CreateApiKeyRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync(request, null, cancellationToken);

    /// <summary>Creates a key, with per-call options.</summary>
    public Task<ApiKey> CreateAsync(CreateApiKeyRequest request, RequestOptions? requestOptions,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.ApiKeysCreate, RunnelRoutes.ApiKeysCreate.Path(),
            FlowsResource.Required(request), Json.ApiKey, requestOptions, cancellationToken);

    /// <summary>One page of keys, without their secret part.</summary>
    public Task<RunnelPage<ApiKey>> ListAsync(ListRequest? request = null,
        CancellationToken cancellationToken = default) =>
        _transport.ListAsync(RunnelRoutes.ApiKeysList, RunnelRoutes.ApiKeysList.Path(),
            (request ?? new ListRequest()).ToQuery(), Json.ListApiKey, cancellationToken);

    /// <summary>Every key, page after page.</summary>
    public IAsyncEnumerable<ApiKey> ListAllAsync(ListRequest? request = null,
        CancellationToken cancellationToken = default) =>
        _transport.ListAllAsync(RunnelRoutes.ApiKeysList, RunnelRoutes.ApiKeysList.Path(), request, Json.ListApiKey,
            cancellationToken);

    /// <summary>Revokes a key: it fails with 401 at once.</summary>
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.ApiKeysDelete, RunnelRoutes.ApiKeysDelete.Path(id), null, null,
            cancellationToken);
}
