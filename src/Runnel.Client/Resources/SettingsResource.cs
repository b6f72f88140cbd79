namespace Runnel.Client;

/// <summary>The workspace's settings (API.md §2); needs <c>KEYS_ADMIN</c>.</summary>
public sealed class SettingsResource
{
    private static readonly RunnelJsonContext Json = RunnelJsonContext.Default;
    private readonly RunnelTransport _transport;

    internal SettingsResource(RunnelTransport transport) => _transport = transport;

    /// <summary>The settings.</summary>
    public Task<WorkspaceSettings> GetAsync(CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.SettingsGet, RunnelRoutes.SettingsGet.Path(), null, Json.WorkspaceSettings,
            null, cancellationToken);

    /// <summary>Changes the members of <paramref name="request"/> that are set.</summary>
    public Task<WorkspaceSettings> UpdateAsync(UpdateSettingsRequest request,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.SettingsUpdate, RunnelRoutes.SettingsUpdate.Path(),
            FlowsResource.Required(request), Json.WorkspaceSettings, null, cancellationToken);
}
