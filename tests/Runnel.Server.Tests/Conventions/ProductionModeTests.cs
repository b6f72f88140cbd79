using System.Net;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Conventions;

/// <summary>Without RUNNEL_DEV_CLOCK the test-mode clock route does not exist.</summary>
public sealed class ProductionModeTests(ProductionModeTests.NoDevClockFactory factory)
    : IClassFixture<ProductionModeTests.NoDevClockFactory>
{
    public sealed class NoDevClockFactory : RunnelFactory
    {
        protected override IDictionary<string, string> Settings =>
            new Dictionary<string, string> { ["RUNNEL_DEV_CLOCK"] = "0" };
    }

    [Fact]
    public async Task The_dev_clock_route_is_404()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.PostJsonAsync("/v1/dev/clock", new { advance_seconds = 1 }).ExpectProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}
