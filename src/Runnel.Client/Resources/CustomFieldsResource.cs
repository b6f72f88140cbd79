namespace Runnel.Client;

/// <summary>Custom contact field definitions (API.md §3).</summary>
public sealed class CustomFieldsResource
{
    private static readonly RunnelJsonContext Json = RunnelJsonContext.Default;
    private readonly RunnelTransport _transport;

    internal CustomFieldsResource(RunnelTransport transport) => _transport = transport;

    /// <summary>Defines a custom field; 409 <c>custom_field_exists</c> if the api_name is taken.</summary>
    public Task<CustomField> CreateAsync(CreateCustomFieldRequest request,
        CancellationToken cancellationToken = default) =>
        CreateAsync(request, null, cancellationToken);

    /// <summary>Defines a custom field, with per-call options.</summary>
    public Task<CustomField> CreateAsync(CreateCustomFieldRequest request, RequestOptions? requestOptions,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.CustomFieldsCreate, RunnelRoutes.CustomFieldsCreate.Path(),
            FlowsResource.Required(request), Json.CustomField, requestOptions, cancellationToken);

    /// <summary>One page of custom fields.</summary>
    public Task<RunnelPage<CustomField>> ListAsync(ListRequest? request = null,
        CancellationToken cancellationToken = default) =>
        _transport.ListAsync(RunnelRoutes.CustomFieldsList, RunnelRoutes.CustomFieldsList.Path(),
            (request ?? new ListRequest()).ToQuery(), Json.ListCustomField, cancellationToken);

    /// <summary>Every custom field, page after page.</summary>
    public IAsyncEnumerable<CustomField> ListAllAsync(ListRequest? request = null,
        CancellationToken cancellationToken = default) =>
        _transport.ListAllAsync(RunnelRoutes.CustomFieldsList, RunnelRoutes.CustomFieldsList.Path(), request,
            Json.ListCustomField, cancellationToken);

    /// <summary>Changes a field's label or status.</summary>
    public Task<CustomField> UpdateAsync(string apiName, UpdateCustomFieldRequest request,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.CustomFieldsUpdate, RunnelRoutes.CustomFieldsUpdate.Path(apiName),
            FlowsResource.Required(request), Json.CustomField, null, cancellationToken);
}
