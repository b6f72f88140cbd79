using Runnel.Core.Workspaces;

namespace Runnel.Core.Storage;

public interface ISecretRepository
{
    /// <summary>Creates or replaces the named secret; returns its creation time as now stored.</summary>
    void Upsert(Guid workspaceId, string name, byte[] ciphertext, DateTimeOffset now);

    byte[]? GetCiphertext(Guid workspaceId, string name);

    IReadOnlyList<SecretInfo> List(Guid workspaceId);

    bool Delete(Guid workspaceId, string name);

    void AddSigningSecret(Guid workspaceId, byte[] ciphertext, DateTimeOffset now, DateTimeOffset? previousExpiresAt);

    /// <summary>The signing secrets to sign with at <paramref name="now"/>: the current one first.</summary>
    IReadOnlyList<byte[]> GetSigningSecrets(Guid workspaceId, DateTimeOffset now);
}
