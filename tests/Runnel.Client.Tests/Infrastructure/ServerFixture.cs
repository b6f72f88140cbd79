namespace Runnel.Client.Tests.Infrastructure;

/// <summary>
/// One real server for the whole test run (starting one takes seconds), with a loopback webhook receiver it may
/// call. Tests isolate themselves by making their own flows, contacts and names.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public WebhookReceiver Webhooks { get; } = WebhookReceiver.Start();

    public RunnelServer Server { get; private set; } = null!;

    public RunnelClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await RunnelServer.StartAsync(new Dictionary<string, string>
        {
            ["RUNNEL_WEBHOOK_ALLOW_HOSTS"] = $"127.0.0.1:{Webhooks.Port}",
        });
        Client = Server.Client();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await Webhooks.DisposeAsync();
    }
}
