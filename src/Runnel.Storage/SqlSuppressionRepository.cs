using Runnel.Core.Storage;

namespace Runnel.Storage;

internal sealed class SqlSuppressionRepository(SqlDb db) : ISuppressionRepository
{
    public void Add(Guid workspaceId, string channel, string addressHash, string reason, DateTimeOffset at) =>
        db.Execute(
        """
        INSERT INTO suppressions (workspace_id, channel, address_hash, reason, created_at)
        VALUES (@workspaceId, @channel, @addressHash, @reason, @at)
        ON CONFLICT (workspace_id, channel, address_hash) DO NOTHING
        """, new { workspaceId, channel, addressHash, reason, at });

    public bool Contains(Guid workspaceId, string channel, string addressHash) => db.Scalar<long>(
        """
        SELECT EXISTS (SELECT 1 FROM suppressions
                       WHERE workspace_id = @workspaceId AND channel = @channel AND address_hash = @addressHash)
        """, new { workspaceId, channel, addressHash }) == 1;
}
