using Runnel.Core.Runtime;

namespace Runnel.Server.Engine;

/// <summary>
/// Keeps a pump going: runs whatever is due, then sleeps until its next item falls due, a wake-up says new work
/// arrived, or the poll interval passes — the safety net for work another writer made.
/// </summary>
public abstract class ScheduledPumpService(IScheduledPump pump, TimeProvider time) : BackgroundService
{
    // Why 1 s: the longest due work can wait when nothing signalled it; short enough for timers to feel exact,
    // long enough that an idle server costs one cheap query a second.
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Sleeps up to <paramref name="timeout"/>, returning early when new work is signalled.</summary>
    protected abstract Task WaitAsync(TimeSpan timeout, CancellationToken ct);

    protected abstract void OnRoundFailed(Exception error);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await pump.RunDueAsync(stoppingToken) > 0)
                {
                    continue;
                }

                var wait = PollInterval;
                if (await pump.NextDueAsync(stoppingToken) is { } next)
                {
                    var untilDue = next - time.GetUtcNow();
                    wait = untilDue < TimeSpan.Zero ? TimeSpan.Zero : untilDue < wait ? untilDue : wait;
                }

                await WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                OnRoundFailed(error);
                await Task.Delay(PollInterval, stoppingToken);
            }
        }
    }
}
