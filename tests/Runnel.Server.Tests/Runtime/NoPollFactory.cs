using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Webhooks;

namespace Runnel.Server.Tests.Runtime;

/// <summary>
/// The server with its background loops' safety-net poll set to an hour, so whatever its loops do within a test was
/// woken by a commit's signal, never by polling; with a loopback webhook receiver allowed by name.
/// </summary>
public sealed class NoPollFactory : RunnelFactory
{
    public WebhookReceiver Receiver { get; } = WebhookReceiver.Start();

    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RUNNEL_SAFETY_POLL_SECONDS"] = "3600",
        ["RUNNEL_WEBHOOK_ALLOW_HOSTS"] = $"127.0.0.1:{Receiver.Port}",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
