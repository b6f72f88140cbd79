using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Sms;

/// <summary>The server with Twilio as its SMS provider: the <see cref="FakeTwilio"/> on loopback, over plain HTTP.</summary>
public sealed class TwilioRunnelFactory : RunnelFactory
{
    public const string PublicUrl = "https://runnel.example";

    public FakeTwilio Twilio { get; } = FakeTwilio.Start();

    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RUNNEL_SMS_URL"] = $"twilio+http://{FakeTwilio.AccountSid}:{FakeTwilio.AuthToken}@127.0.0.1:{Twilio.Port}",
        ["RUNNEL_PUBLIC_URL"] = PublicUrl,
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Twilio.DisposeAsync();
    }
}
