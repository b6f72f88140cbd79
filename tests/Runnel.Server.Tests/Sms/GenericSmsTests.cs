using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Sms;

/// <summary>
/// The generic provider (API.md §12): outgoing SMS as signed JSON to RUNNEL_SMS_URL, inbound messages and status
/// callbacks accepted only with the workspace's Standard Webhooks signature.
/// </summary>
public sealed class GenericSmsTests(GenericSmsFactory factory) : IClassFixture<GenericSmsFactory>
{
    [Fact]
    public async Task A_conversation_runs_over_signed_json_both_ways()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var secret = (await ws.Http.PostJsonAsync("/v1/webhook-signing-secret/rotate", null)
            .ExpectAsync(HttpStatusCode.OK))["secret"]!.GetValue<string>();
        var sender = await ws.SetSenderAsync();
        var flowId = await ws.ActiveFlowAsync(SmsScenario.CartMenu());
        var phone = SmsScenario.NewPhone();
        var memberId = await ws.StartAsync(flowId, phone);

        var sent = factory.Provider.ReceivedAt(GenericSmsFactory.ProviderPath)
            .Single(r => JsonNode.Parse(r.Body)!["to"]!.GetValue<string>() == phone);
        var body = JsonNode.Parse(sent.Body)!;
        Assert.Equal(sender, body["from"]!.GetValue<string>());
        Assert.StartsWith("Hi Ada", body["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(sent.Headers["webhook-id"], body["message_id"]!.GetValue<string>());
        var expected = Sign(secret, sent.Headers["webhook-id"], sent.Headers["webhook-timestamp"], sent.Body);
        Assert.Contains(expected, sent.Headers["webhook-signature"].Split(' '));

        using var client = factory.CreateClient();
        var now = factory.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var inbound = new JsonObject { ["from"] = phone, ["to"] = sender, ["text"] = "1", ["message_id"] = "gen-1" }
            .ToJsonString();
        using (var forged = await client.SendAsync(Request("/v1/webhooks/sms/generic", inbound, "gen-1", now,
                   Sign("whsec_" + Convert.ToBase64String(new byte[32]), "gen-1", now, inbound))))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        Assert.Empty((await ws.MemberAsync(flowId, memberId)).Entries("reply_received"));
        using (var signed = await client.SendAsync(Request("/v1/webhooks/sms/generic", inbound, "gen-1", now,
                   Sign(secret, "gen-1", now, inbound))))
        {
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
            Assert.Equal("reply", JsonNode.Parse(await signed.Content.ReadAsStringAsync())!["routed_to"]!.GetValue<string>());
        }

        await ws.AdvanceAsync(TimeSpan.Zero);
        Assert.Equal("completed", (await ws.MemberAsync(flowId, memberId)).Status());

        var status = new JsonObject { ["message_id"] = body["message_id"]!.GetValue<string>(), ["status"] = "delivered" }
            .ToJsonString();
        using (var delivered = await client.SendAsync(Request("/v1/webhooks/sms/generic/status", status, "st-1", now,
                   Sign(secret, "st-1", now, status))))
        {
            Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        }

        Assert.Single((await ws.MemberAsync(flowId, memberId)).Entries("sms_delivered"));

        // A capture replayed later than five minutes is refused even with a good signature.
        var old = (factory.Clock.GetUtcNow().ToUnixTimeSeconds() - 600).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var replay = await client.SendAsync(Request("/v1/webhooks/sms/generic", inbound, "gen-1", old,
            Sign(secret, "gen-1", old, inbound)));
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    private static HttpRequestMessage Request(string path, string body, string id, string timestamp, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", signature);
        return request;
    }

    private static string Sign(string secret, string id, string timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]),
            Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
}
