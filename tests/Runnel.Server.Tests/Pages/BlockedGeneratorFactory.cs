using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Pages;

/// <summary>The server with a generator on loopback that RUNNEL_WEBHOOK_ALLOW_HOSTS does not allow.</summary>
public sealed class BlockedGeneratorFactory : RunnelFactory
{
    public PageGeneratorServer Generator { get; } = PageGeneratorServer.Start();

    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RUNNEL_PAGE_GENERATOR_URL"] = Generator.Url,
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Generator.DisposeAsync();
    }
}
