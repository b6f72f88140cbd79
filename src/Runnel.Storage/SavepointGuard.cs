namespace Runnel.Storage;

/// <summary>
/// When a group-committed batch needs a savepoint per write. Savepoints only isolate batch-mates from a write that
/// fails (or, on PostgreSQL, clashes), and they cost statements — round trips on PostgreSQL — on every write, so a
/// batch first runs bare; a write that fails there rolls its whole batch back, the store runs the batch again guarded,
/// and the next <see cref="BatchesAfterFailure"/> batches keep their savepoints, so a steady stream of failing writes
/// costs what savepoints always did instead of a re-run per failure. A lone write never needs one: its failure is its
/// batch's. Safe to share between a store's writer loops.
/// </summary>
public sealed class SavepointGuard
{
    /// <summary>Batches that run guarded after a write failed in a bare one.</summary>
    public const int BatchesAfterFailure = 64;

    private int _guardedLeft;

    /// <summary>Whether a batch of <paramref name="count"/> writes should run with a savepoint per write.</summary>
    public bool ShouldGuard(int count) => count > 1 && Volatile.Read(ref _guardedLeft) > 0;

    /// <summary>A batch ran to its end; one guarded batch fewer to go when it was guarded.</summary>
    public void Ran(bool guarded)
    {
        // Loops racing past zero leave it negative, which reads as "bare" just the same until the next failure.
        if (guarded)
        {
            Interlocked.Decrement(ref _guardedLeft);
        }
    }

    /// <summary>A write failed in a bare batch: the batch runs again guarded, and so do the next ones.</summary>
    public void Failed() => Volatile.Write(ref _guardedLeft, BatchesAfterFailure);
}
