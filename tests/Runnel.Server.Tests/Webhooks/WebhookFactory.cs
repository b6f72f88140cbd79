using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Webhooks;

/// <summary>The server with a loopback webhook receiver, allowed by name through RUNNEL_WEBHOOK_ALLOW_HOSTS.</summary>
public sealed class WebhookFactory : RunnelFactory
{
    public WebhookReceiver Receiver { get; } = WebhookReceiver.Start();

    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RUNNEL_WEBHOOK_ALLOW_HOSTS"] = $"127.0.0.1:{Receiver.Port}",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
