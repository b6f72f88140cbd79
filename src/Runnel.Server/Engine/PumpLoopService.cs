using Runnel.Core.Diagnostics;
using Runnel.Core.Members;

namespace Runnel.Server.Engine;

/// <summary>
/// The shape of every background engine loop. It runs a round of work only when it knows something is due: its
/// <see cref="NextDueAsync"/> (an indexed MIN query that covers everything that can fall due without a commit — wake
/// times, retry times, other nodes' leases) says so, or the time it was sleeping until has come. Between rounds it
/// sleeps until that next due time, until its signal says a commit made new work due (the store's callback in this
/// process; NOTIFY from other nodes on PostgreSQL), or until the safety-net poll (<see cref="Hosting.RunnelOptions.SafetyPoll"/>)
/// passes — which only re-reads <see cref="NextDueAsync"/>, so an idle server writes nothing and reads a few rows a
/// minute. A failed round is logged and retried after a second. With the dev clock, rounds wait for any advance of
/// <c>POST /v1/dev/clock</c> to finish (<see cref="WorkDriver.ExcludeAdvancesAsync"/>).
/// </summary>
public abstract class PumpLoopService(RunnerSignal signal, PumpLoopContext context, ILogger logger) : BackgroundService
{
    private readonly TimeProvider _time = context.Time;

    // After a round that found nothing although its next due time had already come when it started (the rows are held
    // by another node's claim in flight, say), the loop looks again after this long, doubling up to the safety-net
    // poll, so such a row costs a handful of rounds rather than a spin.
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan FailureDelay = TimeSpan.FromSeconds(1);

    /// <summary>Runs one round; returns how many items it handled.</summary>
    protected abstract Task<int> RunRoundAsync(CancellationToken ct);

    /// <summary>When the next item falls due (at or before now: due now), or null when nothing is scheduled.</summary>
    protected abstract Task<DateTimeOffset?> NextDueAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = context.Options.SafetyPoll;
        var backoff = TimeSpan.Zero;
        // The first pass asks what is due, like every wake-up that is not the known due time.
        var runRound = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                DateTimeOffset? roundStarted = null;
                if (runRound)
                {
                    roundStarted = _time.GetUtcNow();
                    int handled;
                    using (await context.Driver.ExcludeAdvancesAsync(stoppingToken))
                    {
                        handled = await RunRoundAsync(stoppingToken);
                    }

                    if (handled > 0)
                    {
                        // More may be due (the round took a batch) or newly scheduled by it: ask.
                        backoff = TimeSpan.Zero;
                        runRound = false;
                        continue;
                    }
                }

                var next = await NextDueAsync(stoppingToken);
                var now = _time.GetUtcNow();
                TimeSpan wait;
                if (next is { } due && due <= now)
                {
                    if (roundStarted is not { } started || due > started)
                    {
                        // Due, and no round has looked since it fell due.
                        backoff = TimeSpan.Zero;
                        runRound = true;
                        continue;
                    }

                    backoff = backoff == TimeSpan.Zero ? FirstBackoff : Min(backoff * 2, poll);
                    wait = backoff;
                }
                else
                {
                    backoff = TimeSpan.Zero;
                    wait = next is { } later ? Min(CeilingMs(later - now), poll) : poll;
                }

                var signalled = await signal.WaitAsync(wait, stoppingToken);
                // Woken at the due time it knew: run at once. Signalled, backed off or polled: ask first, so a wake-up
                // that finds nothing due costs one read and no claiming write.
                runRound = !signalled && backoff == TimeSpan.Zero && next is not null && wait < poll;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                logger.PumpRoundFailed(error, GetType().Name);
                runRound = false;
                await Task.Delay(FailureDelay, stoppingToken);
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    // The semaphore's timeout counts whole milliseconds and truncates: rounding up keeps the loop from waking a
    // fraction of a millisecond before the due time and running a round that finds nothing yet.
    private static TimeSpan CeilingMs(TimeSpan span) => TimeSpan.FromMilliseconds(Math.Ceiling(span.TotalMilliseconds));
}
