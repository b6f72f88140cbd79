using Runnel.Core.Engine;
using Runnel.Core.Members;

namespace Runnel.Server.Engine.Webhooks;

/// <summary>
/// Keeps webhook delivery going in the background. Nothing signals it: new deliveries are picked up within the poll
/// interval, and retries at their due time.
/// </summary>
public sealed class WebhookService(WebhookPump pump, TimeProvider time, ILogger<WebhookService> logger)
    : ScheduledPumpService(pump, Unsignalled, time, logger)
{
    private static readonly RunnerSignal Unsignalled = new();
}
