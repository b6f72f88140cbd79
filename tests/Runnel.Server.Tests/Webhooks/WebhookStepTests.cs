using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Webhooks;

/// <summary>
/// The send_webhook step end to end against a real HTTP receiver on loopback: Standard Webhooks signatures checked the
/// way a receiver checks them, retries on the dev clock, 410 and 429, on_failure, and both kinds of JWT auth.
/// </summary>
public sealed class WebhookStepTests(WebhookFactory factory) : IClassFixture<WebhookFactory>
{
    private WebhookReceiver Receiver => factory.Receiver;

    [Fact]
    public async Task A_delivered_webhook_is_signed_like_standard_webhooks_and_the_member_continues()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var secret = (await ws.Http.PostJsonAsync("/v1/webhook-signing-secret/rotate", null)
            .ExpectAsync(HttpStatusCode.OK))["secret"]!.GetValue<string>();
        var path = Receiver.Script();
        var (flowId, memberId) = await StartAsync(ws, path, """ "custom_fields":{"plan":"pro","seats":3} """);

        var member = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("completed", member.Status());
        Assert.Contains("webhook_sent", member.TimelineTypes());
        Assert.Contains(member["timeline"]!.AsArray(), e => e!["step_id"]?.GetValue<string>() == "after");
        var received = Assert.Single(Receiver.ReceivedAt(path));
        Assert.Equal("POST", received.Method);
        Assert.StartsWith("application/json", received.Headers["content-type"]);
        AssertSignedBy(secret, received, received.Body);

        var body = JsonNode.Parse(received.Body)!;
        Assert.Equal("flow.step", body["type"]!.GetValue<string>());
        Assert.Equal(flowId, body["flow_id"]!.GetValue<string>());
        Assert.Equal("hook", body["step_id"]!.GetValue<string>());
        Assert.Equal(memberId, body["member_id"]!.GetValue<string>());
        Assert.Equal("ada@example.com", body["contact"]!["email"]!.GetValue<string>());
        Assert.Equal("Ada", body["contact"]!["first_name"]!.GetValue<string>());
        Assert.Equal("987", body["context"]!["cart_id"]!.GetValue<string>());
        Assert.NotNull(body["dynamic_context"]);
        Assert.Equal("pro", body["plan"]!.GetValue<string>());
        Assert.Equal(3, body["seats"]!.GetValue<int>());
    }

    [Fact]
    public async Task Failures_are_retried_with_backoff_under_one_webhook_id_until_a_2xx()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var path = Receiver.Script(new ScriptedAnswer(500), new ScriptedAnswer(503));
        var (flowId, memberId) = await StartAsync(ws, path);
        Assert.Single(Receiver.ReceivedAt(path));
        var member = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("waiting", member.Status());
        Assert.Contains("webhook_failed", member.TimelineTypes());

        // The first retry comes after 1 min ± 20 %, never sooner.
        await ws.AdvanceAsync(TimeSpan.FromSeconds(45));
        Assert.Single(Receiver.ReceivedAt(path));
        await ws.AdvanceAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, Receiver.ReceivedAt(path).Count);
        await ws.AdvanceAsync(TimeSpan.FromMinutes(3));

        var received = Receiver.ReceivedAt(path);
        Assert.Equal(3, received.Count);
        Assert.Single(received.Select(r => r.Headers["webhook-id"]).Distinct());
        Assert.Equal(3, received.Select(r => r.Headers["webhook-timestamp"]).Distinct().Count());
        Assert.Single(received.Select(r => r.Body).Distinct());
        member = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("completed", member.Status());
        Assert.Equal(["webhook_failed", "webhook_failed", "webhook_sent"],
            member.TimelineTypes().Where(t => t.StartsWith("webhook_", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_410_stops_at_once_and_on_failure_continue_moves_on()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var path = Receiver.Script(new ScriptedAnswer(410));
        var (flowId, memberId) = await StartAsync(ws, path);
        await ws.AdvanceAsync(TimeSpan.FromDays(2));

        Assert.Single(Receiver.ReceivedAt(path));
        var member = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("completed", member.Status());
        Assert.Contains("webhook_failed", member.TimelineTypes());
        Assert.Contains(member["timeline"]!.AsArray(), e => e!["step_id"]?.GetValue<string>() == "after");
    }

    [Fact]
    public async Task A_429_waits_for_its_retry_after()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var path = Receiver.Script(new ScriptedAnswer(429, "600"));
        var (flowId, memberId) = await StartAsync(ws, path);

        // Backoff alone would retry within 72 s; the receiver asked for 10 minutes.
        await ws.AdvanceAsync(TimeSpan.FromSeconds(590));
        Assert.Single(Receiver.ReceivedAt(path));
        await ws.AdvanceAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(2, Receiver.ReceivedAt(path).Count);
        Assert.Equal("completed", (await ws.MemberAsync(flowId, memberId)).Status());
    }

    [Fact]
    public async Task On_failure_fail_fails_the_member_after_the_last_attempt_about_a_day_later()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var path = Receiver.Script(Enumerable.Repeat(new ScriptedAnswer(500), 20).ToArray());
        var (flowId, memberId) = await StartAsync(ws, path, """ "on_failure":"fail" """);

        await ws.AdvanceAsync(TimeSpan.FromHours(18));
        Assert.Equal("waiting", (await ws.MemberAsync(flowId, memberId)).Status());
        await ws.AdvanceAsync(TimeSpan.FromHours(18));

        Assert.Equal(12, Receiver.ReceivedAt(path).Count);
        var member = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("failed", member.Status());
        Assert.Equal("hook", member["failure"]!["step_id"]!.GetValue<string>());
        Assert.Equal(12, member["failure"]!["attempts"]!.GetValue<int>());
        Assert.DoesNotContain(member["timeline"]!.AsArray(), e => e!["step_id"]?.GetValue<string>() == "after");
    }

    [Fact]
    public async Task A_410_with_on_failure_fail_fails_the_member_at_once()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var path = Receiver.Script(new ScriptedAnswer(410));
        var (flowId, memberId) = await StartAsync(ws, path, """ "on_failure":"fail" """);

        var member = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("failed", member.Status());
        Assert.Equal(1, member["failure"]!["attempts"]!.GetValue<int>());
        Assert.Contains("410", member["failure"]!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_jwt_token_is_sent_as_the_bearer()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var path = Receiver.Script();
        await StartAsync(ws, path, """ "auth_type":"jwt","token":"tok_123" """);

        Assert.Equal("Bearer tok_123", Assert.Single(Receiver.ReceivedAt(path)).Headers["authorization"]);
    }

    [Fact]
    public async Task A_secret_ref_signs_an_hs256_jwt_with_that_secret()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.PostJsonAsync("/v1/secrets", new { name = "crm_key", value = "s3cret-value" })
            .ExpectAsync(HttpStatusCode.Created);
        var path = Receiver.Script();
        var (flowId, memberId) = await StartAsync(ws, path, """ "auth_type":"jwt","secret_ref":"crm_key" """);

        var authorization = Assert.Single(Receiver.ReceivedAt(path)).Headers["authorization"];
        Assert.StartsWith("Bearer ", authorization);
        var parts = authorization["Bearer ".Length..].Split('.');
        Assert.Equal(3, parts.Length);
        var expected = HMACSHA256.HashData("s3cret-value"u8.ToArray(), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        Assert.Equal(Base64Url(expected), parts[2]);
        Assert.Equal("HS256", JsonNode.Parse(FromBase64Url(parts[0]))!["alg"]!.GetValue<string>());
        var claims = JsonNode.Parse(FromBase64Url(parts[1]))!;
        Assert.Equal(memberId, claims["sub"]!.GetValue<string>());
        Assert.Equal(flowId, claims["flow_id"]!.GetValue<string>());
        Assert.True(claims["exp"]!.GetValue<long>() > factory.Clock.GetUtcNow().ToUnixTimeSeconds());
    }

    [Fact]
    public async Task A_get_webhook_carries_the_signed_payload_in_the_query()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var secret = (await ws.Http.PostJsonAsync("/v1/webhook-signing-secret/rotate", null)
            .ExpectAsync(HttpStatusCode.OK))["secret"]!.GetValue<string>();
        var path = Receiver.Script();
        await StartAsync(ws, path, """ "method":"get" """);

        var received = Assert.Single(Receiver.ReceivedAt(path));
        Assert.Equal("GET", received.Method);
        Assert.Equal("", received.Body);
        var payload = Uri.UnescapeDataString(received.Query.TrimStart('?').Split('&')
            .Single(p => p.StartsWith("payload=", StringComparison.Ordinal))["payload=".Length..]);
        Assert.Equal("flow.step", JsonNode.Parse(payload)!["type"]!.GetValue<string>());
        AssertSignedBy(secret, received, payload);
    }

    private async Task<(string FlowId, string MemberId)> StartAsync(WorkspaceClient ws, string path,
        string extra = "")
    {
        var options = string.IsNullOrWhiteSpace(extra) ? "" : extra.Trim() + ",";
        var flowId = await ws.ActiveFlowAsync($$"""
            {"triggers":[{"type":"api"}],
             "steps":[
               {"step_id":"hook","type":"send_webhook","endpoint_url":"{{Receiver.BaseUrl}}{{path}}",{{options}}
                "next_step_id":"after"},
               {"step_id":"after","type":"update_contact","field":"last_name","value":"Lovelace"}]}
            """, "Webhook flow");
        var started = await ws.TriggerAsync(flowId, new
        {
            email = "ada@example.com", contact = new { first_name = "Ada" }, context = new { cart_id = "987" },
        });
        await ws.AdvanceAsync(TimeSpan.Zero);
        return (flowId, started.Id());
    }

    /// <summary>What a Standard Webhooks receiver does: recompute the HMAC and accept if any v1 signature matches.</summary>
    private void AssertSignedBy(string whsec, ReceivedWebhook received, string signedContent)
    {
        var key = Convert.FromBase64String(whsec["whsec_".Length..]);
        var id = received.Headers["webhook-id"];
        var timestamp = long.Parse(received.Headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(factory.Clock.GetUtcNow().ToUnixTimeSeconds() - timestamp) <= 300, "timestamp too old");
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{signedContent}"));
        var signatures = received.Headers["webhook-signature"].Split(' ');
        Assert.Equal(2, signatures.Length); // during a rotation, old and new secret both sign
        Assert.Contains(signatures, s => s.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(s[3..]), expected));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
    }
}
