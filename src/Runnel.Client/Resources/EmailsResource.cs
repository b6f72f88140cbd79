namespace Runnel.Client;

/// <summary>Emails and their approval (API.md §7).</summary>
public sealed class EmailsResource
{
    private static readonly RunnelJsonContext Json = RunnelJsonContext.Default;
    private readonly RunnelTransport _transport;

    internal EmailsResource(RunnelTransport transport) => _transport = transport;

    /// <summary>Creates an email as a draft.</summary>
    public Task<Email> CreateAsync(CreateEmailRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync(request, null, cancellationToken);

    /// <summary>Creates an email as a draft, with per-call options.</summary>
    public Task<Email> CreateAsync(CreateEmailRequest request, RequestOptions? requestOptions,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.EmailsCreate, RunnelRoutes.EmailsCreate.Path(),
            FlowsResource.Required(request), Json.Email, requestOptions, cancellationToken);

    /// <summary>One page of emails.</summary>
    public Task<RunnelPage<Email>> ListAsync(ListRequest? request = null,
        CancellationToken cancellationToken = default) =>
        _transport.ListAsync(RunnelRoutes.EmailsList, RunnelRoutes.EmailsList.Path(),
            (request ?? new ListRequest()).ToQuery(), Json.ListEmail, cancellationToken);

    /// <summary>Every email, page after page.</summary>
    public IAsyncEnumerable<Email> ListAllAsync(ListRequest? request = null,
        CancellationToken cancellationToken = default) =>
        _transport.ListAllAsync(RunnelRoutes.EmailsList, RunnelRoutes.EmailsList.Path(), request, Json.ListEmail,
            cancellationToken);

    /// <summary>An email by id.</summary>
    public Task<Email> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.EmailsGet, RunnelRoutes.EmailsGet.Path(id), null, Json.Email, null,
            cancellationToken);

    /// <summary>Changes an email; an approved one becomes a new draft revision until approved again.</summary>
    public Task<Email> UpdateAsync(string id, UpdateEmailRequest request,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.EmailsUpdate, RunnelRoutes.EmailsUpdate.Path(id),
            FlowsResource.Required(request), Json.Email, null, cancellationToken);

    /// <summary>Approves an email; 400 <c>email_not_ready</c> lists what is missing.</summary>
    public Task<Email> ApproveAsync(string id, CancellationToken cancellationToken = default) =>
        ApproveAsync(id, null, cancellationToken);

    /// <summary>Approves an email, with per-call options.</summary>
    public Task<Email> ApproveAsync(string id, RequestOptions? requestOptions,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.EmailsApprove, RunnelRoutes.EmailsApprove.Path(id), null, Json.Email,
            requestOptions, cancellationToken);

    /// <summary>Renders an email for a contact and context, changing nothing.</summary>
    public Task<EmailPreview> PreviewAsync(string id, PreviewEmailRequest? request = null,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.EmailsPreview, RunnelRoutes.EmailsPreview.Path(id),
            request ?? new PreviewEmailRequest(), Json.EmailPreview, null, cancellationToken);
}
