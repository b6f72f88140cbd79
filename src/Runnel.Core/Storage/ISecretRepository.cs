using Runnel.Core.Workspaces;

namespace Runnel.Core.Storage;

public interface ISecretRepository
{
    /// <summary>Creates or replaces the named secret; returns its creation time as now stored.</summary>
    Task UpsertAsync(Guid workspaceId, string name, byte[] ciphertext, DateTimeOffset now);

    Task<byte[]?> GetCiphertextAsync(Guid workspaceId, string name);

    Task<IReadOnlyList<SecretInfo>> ListAsync(Guid workspaceId);

    Task<bool> DeleteAsync(Guid workspaceId, string name);

    Task AddSigningSecretAsync(Guid workspaceId, byte[] ciphertext, DateTimeOffset now,
        DateTimeOffset? previousExpiresAt);

    /// <summary>The signing secrets to sign with at <paramref name="now"/>: the current one first.</summary>
    Task<IReadOnlyList<byte[]>> GetSigningSecretsAsync(Guid workspaceId, DateTimeOffset now);
}
