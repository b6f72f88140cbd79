namespace Runnel.Core.Storage;

/// <summary>Hashed addresses never to be contacted by accident (see <see cref="Contacts.Suppressions"/>).</summary>
public interface ISuppressionRepository
{
    /// <summary>Adds the hash; a hash already on the list stays as it was.</summary>
    Task AddAsync(Guid workspaceId, string channel, string addressHash, string reason, DateTimeOffset at);

    Task<bool> ContainsAsync(Guid workspaceId, string channel, string addressHash);
}
