using Runnel.Core.Storage;
using Runnel.Core.Workspaces;

namespace Runnel.Storage;

internal sealed class SqlSecretRepository(SqlDb db) : ISecretRepository
{
    public async Task UpsertAsync(Guid workspaceId, string name, byte[] ciphertext, DateTimeOffset now) =>
        await db.ExecuteAsync(
        """
        INSERT INTO secrets (workspace_id, name, ciphertext, created_at) VALUES (@workspaceId, @name, @ciphertext, @now)
        ON CONFLICT (workspace_id, name) DO UPDATE SET ciphertext = excluded.ciphertext, created_at = excluded.created_at
        """, new { workspaceId, name, ciphertext, now });

    public async Task<byte[]?> GetCiphertextAsync(Guid workspaceId, string name) => await db.SingleAsync<byte[]>(
        "SELECT ciphertext FROM secrets WHERE workspace_id = @workspaceId AND name = @name", new { workspaceId, name });

    public async Task<IReadOnlyList<SecretInfo>> ListAsync(Guid workspaceId) => (await db.QueryAsync<Row>(
            "SELECT name, created_at FROM secrets WHERE workspace_id = @workspaceId ORDER BY name",
            new { workspaceId }))
        .Select(r => new SecretInfo(r.Name, r.CreatedAt)).ToList();

    public async Task<bool> DeleteAsync(Guid workspaceId, string name) => await db.ExecuteAsync(
        "DELETE FROM secrets WHERE workspace_id = @workspaceId AND name = @name", new { workspaceId, name }) == 1;

    public async Task AddSigningSecretAsync(Guid workspaceId, byte[] ciphertext, DateTimeOffset now,
        DateTimeOffset? previousExpiresAt)
    {
        // Older secrets stop signing at once except the one just replaced, which keeps signing until previousExpiresAt.
        await db.ExecuteAsync(
            "UPDATE signing_secrets SET expires_at = @now WHERE workspace_id = @workspaceId AND (expires_at IS NULL OR expires_at > @now)",
            new { workspaceId, now });
        if (previousExpiresAt is not null)
        {
            await db.ExecuteAsync(
                """
                UPDATE signing_secrets SET expires_at = @previousExpiresAt
                WHERE workspace_id = @workspaceId AND id = (SELECT MAX(id) FROM signing_secrets WHERE workspace_id = @workspaceId)
                """, new { workspaceId, previousExpiresAt });
        }

        await db.ExecuteAsync(
            "INSERT INTO signing_secrets (workspace_id, created_at, ciphertext, expires_at) VALUES (@workspaceId, @now, @ciphertext, NULL)",
            new { workspaceId, now, ciphertext });
    }

    public async Task<IReadOnlyList<byte[]>> GetSigningSecretsAsync(Guid workspaceId, DateTimeOffset now) =>
        (await db.QueryAsync<byte[]>(
        """
        SELECT ciphertext FROM signing_secrets
        WHERE workspace_id = @workspaceId AND (expires_at IS NULL OR expires_at > @now)
        ORDER BY id DESC
        """, new { workspaceId, now })).ToList();

    private sealed class Row
    {
        public string Name { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
    }
}
