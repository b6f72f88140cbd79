using System.Net;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Conventions;

/// <summary>Without RUNNEL_DEV_CLOCK the test-mode clock does not move, and its route says why.</summary>
public sealed class ProductionModeTests(ProductionModeTests.NoDevClockFactory factory)
    : IClassFixture<ProductionModeTests.NoDevClockFactory>
{
    public sealed class NoDevClockFactory : RunnelFactory
    {
        protected override IDictionary<string, string> Settings =>
            new Dictionary<string, string> { ["RUNNEL_DEV_CLOCK"] = "0" };
    }

    [Fact]
    public async Task The_dev_clock_route_is_404_dev_clock_disabled_naming_the_setting()
    {
        using var ws = await factory.NewWorkspaceAsync();
        foreach (var client in new[] { ws.Http, ws.Admin })
        {
            var problem = await client.PostJsonAsync("/v1/dev/clock", new { advance_seconds = 1 })
                .ExpectProblemAsync(HttpStatusCode.NotFound, "dev_clock_disabled");
            Assert.Contains("RUNNEL_DEV_CLOCK=1", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }
}
