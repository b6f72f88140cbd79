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

    public bool IsSettled => Volatile.Read(ref _settled) == 1;

    public abstract void Run(IStoreSession session);

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
