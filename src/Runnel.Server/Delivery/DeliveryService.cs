using Runnel.Core.Delivery;

namespace Runnel.Server.Delivery;

/// <summary>
/// Keeps the delivery pump going, like the runner service: sends what is due, then sleeps until the next retry is
/// due, the runner signals new mail, or the poll interval passes.
/// </summary>
public sealed partial class DeliveryService(EmailDeliveryPump pump, DeliveryMode mode, TimeProvider time,
    ILogger<DeliveryService> logger) : BackgroundService
{
    // Why 1 s: the safety net for rows another writer queued without signalling; an idle check is one indexed query.
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

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

                await mode.Signal.WaitAsync(wait, stoppingToken);
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

    [LoggerMessage(EventId = 3010, Level = LogLevel.Error, Message = "A delivery round failed; retrying")]
    private static partial void LogRoundFailed(ILogger logger, Exception error);
}
