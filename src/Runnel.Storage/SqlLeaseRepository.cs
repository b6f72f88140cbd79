using Runnel.Core.Storage;

namespace Runnel.Storage;

internal sealed class SqlLeaseRepository(SqlDb db) : ILeaseRepository
{
    // One statement decides: the upsert only overwrites a row that is expired or already ours, so two nodes racing for
    // a free lease cannot both win (the loser's conflicting insert waits for the winner's commit, then sees it held).
    public async Task<bool> TryAcquireAsync(string name, string owner, DateTimeOffset now, DateTimeOffset until) =>
        await db.ExecuteAsync(
        """
        INSERT INTO leases (name, owner, expires_at, fence) VALUES (@name, @owner, @until, 1)
        ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at,
            fence = CASE WHEN leases.owner = excluded.owner THEN leases.fence ELSE leases.fence + 1 END
        WHERE leases.owner = excluded.owner OR leases.expires_at <= @now
        """, new { name, owner, until, now }) == 1;

    public async Task ReleaseAsync(string name, string owner) =>
        await db.ExecuteAsync("DELETE FROM leases WHERE name = @name AND owner = @owner", new { name, owner });

    public async Task<(string Owner, DateTimeOffset ExpiresAt)?> GetAsync(string name) =>
        await db.SingleAsync<Row>("SELECT owner, expires_at FROM leases WHERE name = @name", new { name }) is { } row
            ? (row.Owner, DateTimeOffset.FromUnixTimeMilliseconds(row.ExpiresAt))
            : null;

    private sealed class Row
    {
        public string Owner { get; set; } = "";
        public long ExpiresAt { get; set; }
    }
}
