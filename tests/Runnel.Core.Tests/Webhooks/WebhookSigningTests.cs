using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Runnel.Core.Webhooks;

namespace Runnel.Core.Tests.Webhooks;

public sealed class WebhookSigningTests
{
    [Fact]
    public void Each_signing_secret_adds_one_v1_signature_over_id_timestamp_and_body()
    {
        byte[] current = [1, 2, 3], previous = [4, 5, 6];
        var header = StandardWebhooks.Sign([current, previous], "msg_1", 1_700_000_000, """{"a":1}""");

        var content = Encoding.UTF8.GetBytes("""msg_1.1700000000.{"a":1}""");
        Assert.Equal(
            $"v1,{Convert.ToBase64String(HMACSHA256.HashData(current, content))} " +
            $"v1,{Convert.ToBase64String(HMACSHA256.HashData(previous, content))}", header);
    }

    [Fact]
    public void An_hs256_jwt_has_the_fixed_header_and_a_url_safe_hmac_signature()
    {
        var token = Hs256Jwt.Create("secret", new JsonObject { ["sub"] = "m" });
        var parts = token.Split('.');

        Assert.Equal("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", parts[0]);
        Assert.Equal(Hs256Jwt.Encode("""{"sub":"m"}"""u8), parts[1]);
        Assert.Equal(Hs256Jwt.Encode(HMACSHA256.HashData("secret"u8, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"))),
            parts[2]);
        Assert.DoesNotContain('=', token);
    }

    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(5, 960)]
    [InlineData(10, 28_800)]
    [InlineData(11, 28_800)]
    public void Backoff_doubles_from_a_minute_to_an_eight_hour_cap_within_twenty_percent(int failures, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds * 0.8), WebhookBackoff.After(failures, 0));
        Assert.Equal(TimeSpan.FromSeconds(seconds), WebhookBackoff.After(failures, 0.5));
        Assert.True(WebhookBackoff.After(failures, 0.999) < TimeSpan.FromSeconds(seconds * 1.2));
    }

    [Fact]
    public void All_retries_span_about_a_day()
    {
        var total = Enumerable.Range(1, WebhookBackoff.MaxAttempts - 1).Sum(n => WebhookBackoff.After(n, 0.5).TotalHours);
        Assert.InRange(total, 20, 28);
    }

    [Fact]
    public void Retry_after_is_honoured_within_a_second_and_a_day()
    {
        Assert.Equal(TimeSpan.FromSeconds(600), WebhookBackoff.Honour(TimeSpan.FromSeconds(600)));
        Assert.Equal(TimeSpan.FromSeconds(1), WebhookBackoff.Honour(TimeSpan.FromSeconds(-5)));
        Assert.Equal(WebhookBackoff.MaxRetryAfter, WebhookBackoff.Honour(TimeSpan.FromDays(9)));
    }
}
