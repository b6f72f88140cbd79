namespace Runnel.Bench;

/// <summary>
/// Cumulative PostgreSQL counters (<see cref="BenchBackend.CountersAsync"/>): a database's commits and rows written,
/// and the server's WAL records, full-page images and fsyncs. Subtract two readings for a phase's figures.
/// </summary>
public sealed record DatabaseCounters(long Commits, long Inserted, long Updated, long Deleted, long WalRecords,
    long WalFullPageImages, long WalSyncs)
{
    public long RowsWritten => Inserted + Updated + Deleted;

    public static DatabaseCounters operator -(DatabaseCounters after, DatabaseCounters before) => new(
        after.Commits - before.Commits, after.Inserted - before.Inserted, after.Updated - before.Updated,
        after.Deleted - before.Deleted, after.WalRecords - before.WalRecords,
        after.WalFullPageImages - before.WalFullPageImages, after.WalSyncs - before.WalSyncs);
}
