using Runnel.Core.Engine;
using Runnel.Core.Members;

namespace Runnel.Server.Engine.Webhooks;

/// <summary>
/// Keeps webhook delivery going in the background: a commit that queued deliveries signals it (the keyed
/// <see cref="RunnerSignal"/> <see cref="Key"/>, from the store here and from NOTIFY on other nodes' commits), and it
/// sleeps until the next retry or abandoned claim falls due.
/// </summary>
public sealed class WebhookService(
    WebhookPump pump,
    [FromKeyedServices(WebhookService.Key)] RunnerSignal signal,
    PumpLoopContext context,
    ILogger<WebhookService> logger) : ScheduledPumpService(pump, signal, context, logger)
{
    public const string Key = "webhooks";
}
