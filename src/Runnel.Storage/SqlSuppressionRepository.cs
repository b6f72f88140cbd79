using Runnel.Core.Storage;

namespace Runnel.Storage;

internal sealed class SqlSuppressionRepository(SqlDb db) : ISuppressionRepository
{
    public async Task AddAsync(Guid workspaceId, string channel, string addressHash, string reason,
        DateTimeOffset at) =>
        await db.ExecuteAsync(
        """
        INSERT INTO suppressions (workspace_id, channel, address_hash, reason, created_at)
        VALUES (@workspaceId, @channel, @addressHash, @reason, @at)
        ON CONFLICT (workspace_id, channel, address_hash) DO NOTHING
        """, new { workspaceId, channel, addressHash, reason, at });

    public async Task<bool> ContainsAsync(Guid workspaceId, string channel, string addressHash) =>
        await db.ScalarAsync<long>(
        """
        SELECT EXISTS (SELECT 1 FROM suppressions
                       WHERE workspace_id = @workspaceId AND channel = @channel AND address_hash = @addressHash)
        """, new { workspaceId, channel, addressHash }) == 1;
}
