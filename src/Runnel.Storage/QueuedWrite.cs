using System.Threading.Channels;
using Runnel.Core.Storage;

namespace Runnel.Storage;

/// <summary>
/// One caller's <see cref="IRunnelStore.WriteAsync{T}"/> waiting in a group-commit queue: the work to run inside a
/// batch's transaction, and the caller's task, settled exactly once — completed after the commit, failed, or
/// cancelled.
/// </summary>
internal abstract class QueuedWrite
{
    private int _settled;

    /// <summary>Times the work has been started (PostgreSQL runs it again after a clash).</summary>
    public int Attempts { get; set; } = 1;

    public abstract bool IsCanceled { get; }

    /// <summary>
    /// Fills <paramref name="batch"/> (cleared first) with up to <paramref name="max"/> queued writes, settling the
    /// ones whose callers cancelled meanwhile; false when none is left to run.
    /// </summary>
    public static bool TakeBatch(ChannelReader<QueuedWrite> reader, List<QueuedWrite> batch,
        int max)
    {
        batch.Clear();
        while (batch.Count < max && reader.TryRead(out var next))
        {
            if (next.IsCanceled)
            {
                next.Cancel();
            }
            else
            {
                batch.Add(next);
            }
        }

        return batch.Count > 0;
    }

    public bool IsSettled => Volatile.Read(ref _settled) == 1;

    /// <summary>Runs the work in the batch's session; it has finished when the task completes.</summary>
    public abstract Task RunAsync(IStoreSession session);

    public void Complete() => Settle(SetResult);

    public void Fail(Exception exception) => Settle(() => SetException(exception));

    public void Cancel() => Settle(SetCanceled);

    protected abstract void SetResult();

    protected abstract void SetException(Exception exception);

    protected abstract void SetCanceled();

    private void Settle(Action settle)
    {
        if (Interlocked.Exchange(ref _settled, 1) == 0)
        {
            settle();
        }
    }
}
