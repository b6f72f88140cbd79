using System.Net;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Conventions;
public sealed class RateLimitTests(RateLimitTests.LowLimitFactory factory) : IClassFixture<RateLimitTests.LowLimitFactory>
{
    public sealed class LowLimitFactory : RunnelFactory
    {
        protected override IDictionary<string, string> Settings =>
            new Dictionary<string, string> { ["RUNNEL_RATE_LIMIT"] = "2" };
    }

    [Fact]
    public async Task Over_the_limit_answers_429_with_retry_after()
    {
        using var ws = await factory.NewWorkspaceAsync();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 20 && limited is null; i++)
        {
            var response = await ws.Http.GetAsync("/v1/settings");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) >= 1);
        var text = await limited.Content.ReadAsStringAsync();
        Assert.Contains("\"error_code\":\"rate_limited\"", text, StringComparison.Ordinal);
        limited.Dispose();
    }
}
