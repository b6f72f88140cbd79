using Runnel.Core.Diagnostics;
using Runnel.Core.Members;

namespace Runnel.Server.Engine;

/// <summary>
/// The shape of every background engine loop: do a round of due work, and when there was none sleep until the next
/// item falls due, the signal says new work arrived, or the poll interval passes — the safety net for work another
/// writer made. A failed round is logged and retried after the poll interval.
/// </summary>
public abstract class PumpLoopService(RunnerSignal signal, TimeProvider time, ILogger logger)
    : BackgroundService
{
    // Why 1 s: the longest due work can wait when nothing signalled it; short enough for timers to feel exact, long
    // enough that an idle server costs one cheap query a second.
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Runs one round; returns how many items it handled.</summary>
    protected abstract Task<int> RunRoundAsync(CancellationToken ct);

    /// <summary>When the next item falls due, if known.</summary>
    protected abstract Task<DateTimeOffset?> NextDueAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunRoundAsync(stoppingToken) > 0)
                {
                    continue;
                }

                var wait = PollInterval;
                if (await NextDueAsync(stoppingToken) is { } next)
                {
                    var untilDue = next - time.GetUtcNow();
                    wait = untilDue < TimeSpan.Zero ? TimeSpan.Zero : untilDue < wait ? untilDue : wait;
                }

                await signal.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                logger.PumpRoundFailed(error, GetType().Name);
                await Task.Delay(PollInterval, stoppingToken);
            }
        }
    }
}
