using Runnel.Core.Workspaces;

namespace Runnel.Core.Storage;

public interface IApiKeyRepository
{
    void Insert(ApiKey key);

    /// <summary>The active (not revoked) key with this hash, or null.</summary>
    ApiKey? FindActiveByHash(string keyHash);

    bool AnyExists();

    Page<ApiKey> List(Guid workspaceId, PageRequest page);

    /// <summary>Revokes an active key of the workspace; false when there is none with that id.</summary>
    bool Revoke(Guid workspaceId, Guid id, DateTimeOffset at);
}
