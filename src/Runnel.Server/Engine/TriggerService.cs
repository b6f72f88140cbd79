using Runnel.Core.Runtime;

namespace Runnel.Server.Engine;

/// <summary>
/// Keeps trigger dispatch and date triggers going: dispatches whatever trigger events are queued, runs due date
/// triggers, then sleeps until a commit that wrote trigger events wakes it (the store calls the keyed
/// <see cref="RunnerSignal"/> <see cref="Key"/>), the next date run falls due, or the poll interval passes — the safety
/// net for events another node wrote.
/// </summary>
public sealed partial class TriggerService(
    TriggerDispatcher dispatcher,
    DateTriggerScheduler dates,
    [FromKeyedServices(TriggerService.Key)] RunnerSignal signal,
    TimeProvider time,
    ILogger<TriggerService> logger) : BackgroundService
{
    public const string Key = "triggers";

    // Why 1 s: as the runner's poll; a woken dispatcher answers within milliseconds, the poll only covers other writers.
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await dispatcher.RunDueAsync(stoppingToken) + await dates.RunDueAsync(stoppingToken) > 0)
                {
                    continue;
                }

                var wait = PollInterval;
                if (await dates.NextDueAsync(stoppingToken) is { } next)
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
                LogRoundFailed(logger, error);
                await Task.Delay(PollInterval, stoppingToken);
            }
        }
    }

    [LoggerMessage(EventId = 2110, Level = LogLevel.Error, Message = "A trigger round failed; retrying")]
    private static partial void LogRoundFailed(ILogger logger, Exception error);
}
