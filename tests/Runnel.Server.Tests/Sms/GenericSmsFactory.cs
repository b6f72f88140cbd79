using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Webhooks;

namespace Runnel.Server.Tests.Sms;

/// <summary>The server with the generic signed-JSON SMS provider: a recording HTTP receiver on loopback.</summary>
public sealed class GenericSmsFactory : RunnelFactory
{
    public const string ProviderPath = "/sms-provider";

    public WebhookReceiver Provider { get; } = WebhookReceiver.Start();

    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RUNNEL_SMS_URL"] = Provider.BaseUrl + ProviderPath,
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
