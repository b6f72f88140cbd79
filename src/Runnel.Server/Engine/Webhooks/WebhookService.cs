using Runnel.Core.Webhooks;

namespace Runnel.Server.Engine.Webhooks;

/// <summary>Keeps webhook delivery going in the background; new deliveries are picked up within the poll interval.</summary>
public sealed partial class WebhookService(WebhookPump pump, TimeProvider time, ILogger<WebhookService> logger)
    : ScheduledPumpService(pump, time)
{
    protected override Task WaitAsync(TimeSpan timeout, CancellationToken ct) => Task.Delay(timeout, ct);

    protected override void OnRoundFailed(Exception error) => LogRoundFailed(logger, error);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "A webhook delivery round failed; retrying")]
    private static partial void LogRoundFailed(ILogger logger, Exception error);
}
