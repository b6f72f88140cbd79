namespace Runnel.Core.Members;

/// <summary>
/// Wakes the runner when new work is due now (an enrollment, a woken wait), so members start within milliseconds
/// instead of at the next poll.
/// </summary>
public sealed class RunnerSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        // At most one pending wake-up: the runner drains everything due when it wakes.
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller signalled at the same moment; one wake-up is enough.
            }
        }
    }

    /// <summary>Waits for a signal or the timeout; true when signalled.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    public void Dispose() => _signal.Dispose();
}
