using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Pages;

/// <summary>The server with RUNNEL_PAGE_GENERATOR_URL on a loopback generator, allowed through RUNNEL_WEBHOOK_ALLOW_HOSTS.</summary>
public sealed class PageGeneratorFactory : RunnelFactory
{
    public PageGeneratorServer Generator { get; } = PageGeneratorServer.Start();

    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RUNNEL_PAGE_GENERATOR_URL"] = Generator.Url,
        ["RUNNEL_WEBHOOK_ALLOW_HOSTS"] = $"127.0.0.1:{Generator.Port}",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Generator.DisposeAsync();
    }
}
