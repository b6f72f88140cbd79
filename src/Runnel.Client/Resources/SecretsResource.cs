namespace Runnel.Client;

/// <summary>Workspace secrets and the webhook signing secret (API.md §2); needs <c>KEYS_ADMIN</c>.</summary>
public sealed class SecretsResource
{
    private static readonly RunnelJsonContext Json = RunnelJsonContext.Default;
    private readonly RunnelTransport _transport;

    internal SecretsResource(RunnelTransport transport) => _transport = transport;

    /// <summary>Sets a secret (replacing one of that name); its value is stored encrypted and never returned.</summary>
    public Task<Secret> CreateAsync(CreateSecretRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync(request, null, cancellationToken);

    /// <summary>Sets a secret, with per-call options.</summary>
    public Task<Secret> CreateAsync(CreateSecretRequest request, RequestOptions? requestOptions,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.SecretsCreate, RunnelRoutes.SecretsCreate.Path(),
            FlowsResource.Required(request), Json.Secret, requestOptions, cancellationToken);

    /// <summary>The secrets' names.</summary>
    public async Task<IReadOnlyList<Secret>> ListAsync(CancellationToken cancellationToken = default) =>
        (await _transport.ListAsync(RunnelRoutes.SecretsList, RunnelRoutes.SecretsList.Path(), "", Json.ListSecret,
            cancellationToken)).Items;

    /// <summary>Deletes a secret; 409 <c>secret_in_use</c> while an active flow uses it.</summary>
    public Task DeleteAsync(string name, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.SecretsDelete, RunnelRoutes.SecretsDelete.Path(name), null, null,
            cancellationToken);

    /// <summary>
    /// Makes a new webhook signing secret, shown once; for 24 hours webhooks are signed with the old and the new one,
    /// so receivers can switch without losing any.
    /// </summary>
    public Task<WebhookSigningSecret> RotateWebhookSigningSecretAsync(CancellationToken cancellationToken = default) =>
        RotateWebhookSigningSecretAsync(null, cancellationToken);

    /// <summary>Makes a new webhook signing secret, with per-call options.</summary>
    public Task<WebhookSigningSecret> RotateWebhookSigningSecretAsync(RequestOptions? requestOptions,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.SecretsRotateWebhookSigningSecret,
            RunnelRoutes.SecretsRotateWebhookSigningSecret.Path(), null, Json.WebhookSigningSecret, requestOptions,
            cancellationToken);
}
