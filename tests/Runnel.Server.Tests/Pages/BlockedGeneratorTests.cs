using Runnel.Server.Tests.Delivery;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Pages;

/// <summary>§14: the generator is dialled through the webhooks' SSRF guard, so a private address is never reached.</summary>
public sealed class BlockedGeneratorTests(BlockedGeneratorFactory factory) : IClassFixture<BlockedGeneratorFactory>
{
    [Fact]
    public async Task A_generator_on_a_private_address_that_is_not_allowed_is_never_dialled()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flow = await ws.ActiveFlowAsync("""
            {"triggers":[{"type":"api"}],
             "steps":[{"step_id":"page","type":"create_page","source":"scratch","prompt":"Hi","auto_publish":true}]}
            """);
        var member = (await ws.TriggerAsync(flow, new { email = "ssrf@example.com" })).Id();
        await ws.AdvanceAsync(TimeSpan.Zero);
        var details = await ws.MemberAsync(flow, member);
        Assert.Equal("active", details.Status());
        Assert.Contains(details.Entries("step_executed"),
            e => e["data"]!["error"]?.GetValue<string>().Contains("Blocked", StringComparison.Ordinal) == true);
        Assert.Empty(details.Entries("page_created"));
        Assert.Empty(factory.Generator.Received);
    }
}
