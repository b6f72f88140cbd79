using Runnel.Core.Workspaces;

namespace Runnel.Core.Storage;

public interface IApiKeyRepository
{
    Task InsertAsync(ApiKey key);

    /// <summary>The active (not revoked) key with this hash, or null.</summary>
    Task<ApiKey?> FindActiveByHashAsync(string keyHash);

    Task<bool> AnyExistsAsync();

    Task<Page<ApiKey>> ListAsync(Guid workspaceId, PageRequest page);

    /// <summary>Revokes an active key of the workspace; false when there is none with that id.</summary>
    Task<bool> RevokeAsync(Guid workspaceId, Guid id, DateTimeOffset at);
}
