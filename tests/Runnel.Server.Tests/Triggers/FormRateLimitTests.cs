using System.Net;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Triggers;
/// <summary>The per-IP limit on public submissions.</summary>
public sealed class FormRateLimitTests(FormRateLimitTests.Factory factory) : IClassFixture<FormRateLimitTests.Factory>
{
    public sealed class Factory : RunnelFactory
    {
        protected override IDictionary<string, string> Settings =>
            new Dictionary<string, string> { ["RUNNEL_FORM_RATE_LIMIT"] = "2" };
    }

    [Fact]
    public async Task A_third_submission_within_a_minute_is_rate_limited()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var form = (await ws.Http.PostJsonAsync("/v1/forms",
            new { name = "F", fields = new[] { new { name = "email", type = "email", required = true } } })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        using var browser = factory.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            await browser.PostJsonAsync($"/forms/{form}/submit", new { email = $"a{i}@x.test" })
                .ExpectAsync(HttpStatusCode.Created);
        }

        using var limited = await browser.PostJsonAsync($"/forms/{form}/submit", new { email = "c@x.test" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null);
    }
}
