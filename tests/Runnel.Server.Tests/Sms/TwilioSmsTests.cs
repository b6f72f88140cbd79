using System.Net;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Sms;

/// <summary>
/// The Twilio provider against a fake Twilio on loopback: the Messages API call (basic auth, form fields, status
/// callback URL, idempotency token), retries on 429 and 500, signed inbound messages and status callbacks, refused
/// forgeries, and Twilio's opted-out error.
/// </summary>
public sealed class TwilioSmsTests(TwilioRunnelFactory factory) : IClassFixture<TwilioRunnelFactory>
{
    private FakeTwilio Twilio => factory.Twilio;

    [Fact]
    public async Task A_send_calls_the_messages_api_and_sms_sent_follows_twilios_acceptance()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var sender = await ws.SetSenderAsync();
        var flowId = await ws.ActiveFlowAsync(SmsScenario.CartMenu());
        var phone = SmsScenario.NewPhone();
        var memberId = await ws.StartAsync(flowId, phone);

        var call = Assert.Single(Twilio.To(phone));
        Assert.Equal(sender, call.Form["From"]);
        Assert.Equal("Hi Ada, cart 987 is waiting. Reply 1 to finish your order, 2 to talk to us.", call.Form["Body"]);
        Assert.Equal($"{TwilioRunnelFactory.PublicUrl}/v1/webhooks/sms/twilio/status", call.Form["StatusCallback"]);
        Assert.Equal($"{memberId}:ask:1", call.IdempotencyToken);
        Assert.Equal(0, Twilio.Unauthorized);

        var member = await ws.MemberAsync(flowId, memberId);
        var sent = Assert.Single(member.Entries("sms_sent"));
        Assert.Equal(call.Sid, sent["data"]!["provider_message_id"]!.GetValue<string>());
        var outbox = (await ws.Http.GetAsync($"/v1/dev/outbox?channel=sms&to={Uri.EscapeDataString(phone)}")
            .ExpectAsync(HttpStatusCode.OK))["messages"]!.AsArray();
        Assert.Equal("sent", Assert.Single(outbox)!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_429_is_retried_after_its_retry_after_and_a_500_with_backoff_under_one_idempotency_token()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.SetSenderAsync();
        var flowId = await ws.ActiveFlowAsync(SmsScenario.CartMenu(timeoutMinutes: 20));
        var phone = SmsScenario.NewPhone();
        Twilio.FailNext((429, "120"), (500, null));
        var memberId = await ws.StartAsync(flowId, phone);
        Assert.Empty(Twilio.To(phone));
        Assert.Equal("waiting", (await ws.MemberAsync(flowId, memberId)).Status());

        await ws.AdvanceAsync(TimeSpan.FromSeconds(110));
        Assert.Empty(Twilio.To(phone));
        await ws.AdvanceAsync(TimeSpan.FromSeconds(15));
        Assert.Empty(Twilio.To(phone));
        Assert.Equal(2, Twilio.Calls.Count(c => c.Form.GetValueOrDefault("To") == phone));
        // The 500 is the second failure: retried two minutes later (±20 %).
        await ws.AdvanceAsync(TimeSpan.FromSeconds(60));
        Assert.Empty(Twilio.To(phone));
        await ws.AdvanceAsync(TimeSpan.FromSeconds(90));
        var accepted = Assert.Single(Twilio.To(phone));

        var tokens = Twilio.Calls.Where(c => c.Form.GetValueOrDefault("To") == phone).Select(c => c.IdempotencyToken);
        Assert.Equal(3, tokens.Count());
        Assert.Single(tokens.Distinct());

        // The reply wait started when Twilio accepted the message, not when the member reached the step.
        var member = await ws.MemberAsync(flowId, memberId);
        var sentAt = DateTimeOffset.Parse(Assert.Single(member.Entries("sms_sent"))["at"]!.GetValue<string>(),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(sentAt.AddMinutes(20), member.Time("wake_at"));
        Assert.NotNull(accepted);
    }

    [Fact]
    public async Task A_signed_inbound_reply_is_routed_and_twilio_gets_empty_twiml()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var sender = await ws.SetSenderAsync();
        var flowId = await ws.ActiveFlowAsync(SmsScenario.CartMenu());
        var phone = SmsScenario.NewPhone();
        var memberId = await ws.StartAsync(flowId, phone);

        using var client = factory.CreateClient();
        using var response = await client.SendAsync(FakeTwilio.Inbound(TwilioRunnelFactory.PublicUrl, phone, sender, "1",
            "SMinbound0001"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<Response>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await ws.AdvanceAsync(TimeSpan.Zero);

        var member = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("completed", member.Status());
        Assert.Equal("Great! Finish here: https://shop.example/cart/987", Twilio.To(phone)[^1].Form["Body"]);

        // Twilio retries a webhook it thinks failed: the same MessageSid is accepted and ignored.
        using var again = await client.SendAsync(FakeTwilio.Inbound(TwilioRunnelFactory.PublicUrl, phone, sender, "1",
            "SMinbound0001"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single((await ws.MemberAsync(flowId, memberId)).Entries("reply_received"));
    }

    [Fact]
    public async Task A_forged_or_missing_signature_is_refused_and_nothing_is_recorded()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var sender = await ws.SetSenderAsync();
        using var client = factory.CreateClient();
        var phone = SmsScenario.NewPhone();

        foreach (var request in new[]
                 {
                     FakeTwilio.Inbound(TwilioRunnelFactory.PublicUrl, phone, sender, "STOP", "SMforged01", "wrong-token"),
                     FakeTwilio.Inbound(TwilioRunnelFactory.PublicUrl, phone, sender, "STOP", "SMforged02", null),
                     // Signed for another URL (as if the Host header were trusted): still refused.
                     FakeTwilio.Inbound("http://localhost", phone, sender, "STOP", "SMforged03"),
                 })
        {
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("invalid_signature", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error_code"]!
                .GetValue<string>());
        }

        var contacts = await ws.Http.GetAsync("/v1/contacts").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(contacts["contacts"]!.AsArray());
        Assert.Equal(0, await factory.QuerySqlAsync<long>("SELECT COUNT(*) FROM sms_inbound WHERE provider_message_id LIKE 'SMforged%'"));
        Assert.Empty(Twilio.To(phone));
    }

    [Fact]
    public async Task Status_callbacks_record_delivery_and_an_opted_out_failure_unsubscribes()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.SetSenderAsync();
        var flowId = await ws.ActiveFlowAsync(SmsScenario.CartMenu());
        var phone = SmsScenario.NewPhone();
        var memberId = await ws.StartAsync(flowId, phone);
        var sid = Twilio.To(phone)[0].Sid;
        using var client = factory.CreateClient();

        foreach (var status in new[] { "sent", "delivered", "delivered" })
        {
            using var response = await client.SendAsync(FakeTwilio.Status(TwilioRunnelFactory.PublicUrl, sid, status));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var member = await ws.MemberAsync(flowId, memberId);
        Assert.Single(member.Entries("sms_delivered"));

        var second = SmsScenario.NewPhone();
        var other = await ws.StartAsync(flowId, second);
        using (var failed = await client.SendAsync(FakeTwilio.Status(TwilioRunnelFactory.PublicUrl, Twilio.To(second)[0].Sid,
                   "undelivered", "21610")))
        {
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        member = await ws.MemberAsync(flowId, other);
        Assert.Equal("21610", Assert.Single(member.Entries("sms_failed"))["data"]!["error_code"]!.GetValue<string>());
        Assert.Equal("dropped", member.Status());
        var contact = (await ws.Http.GetAsync($"/v1/contacts?phone={Uri.EscapeDataString(second)}")
            .ExpectAsync(HttpStatusCode.OK))["contacts"]![0]!;
        Assert.Equal("unsubscribed", contact["sms_subscription_status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Twilio_refusing_a_send_for_an_opted_out_number_fails_the_send_and_unsubscribes()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.SetSenderAsync();
        var flowId = await ws.ActiveFlowAsync(SmsScenario.CartMenu());
        var memberId = await ws.StartAsync(flowId, "+14155550666");

        var member = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("21610", Assert.Single(member.Entries("sms_failed"))["data"]!["error_code"]!.GetValue<string>());
        Assert.Equal("unsubscribed", member["exit_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_webhook_input_answers_4xx_and_records_nothing()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var sender = await ws.SetSenderAsync();
        using var client = factory.CreateClient();
        var phone = SmsScenario.NewPhone();

        async Task Expect(HttpRequestMessage request, HttpStatusCode status, string code)
        {
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{request.RequestUri} {(int)response.StatusCode}: {body}");
            Assert.Equal(code, JsonNode.Parse(body)!["error_code"]!.GetValue<string>());
        }

        var path = "/v1/webhooks/sms/twilio";
        await Expect(FakeTwilio.Signed(TwilioRunnelFactory.PublicUrl, path,
            new Dictionary<string, string> { ["From"] = phone, ["To"] = sender, ["Body"] = "hi" }, FakeTwilio.AuthToken),
            HttpStatusCode.BadRequest, "validation_failed");
        await Expect(FakeTwilio.Signed(TwilioRunnelFactory.PublicUrl, path,
            new Dictionary<string, string> { ["From"] = "garbage", ["To"] = sender, ["Body"] = "hi", ["MessageSid"] = "SMb1" },
            FakeTwilio.AuthToken), HttpStatusCode.BadRequest, "validation_failed");
        await Expect(FakeTwilio.Inbound(TwilioRunnelFactory.PublicUrl, phone, SmsScenario.NewSender(), "hi", "SMb2"),
            HttpStatusCode.NotFound, "sms_number_not_found");
        await Expect(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{\"From\":1}",
            System.Text.Encoding.UTF8, "application/json") }, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        var json = FakeTwilio.Inbound(TwilioRunnelFactory.PublicUrl, phone, sender, "hi", "SMb3");
        json.Content = new StringContent("From=%ZZ&&==", System.Text.Encoding.UTF8, "text/plain");
        await Expect(json, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        var huge = FakeTwilio.Inbound(TwilioRunnelFactory.PublicUrl, phone, sender, new string('x', 1_100_000), "SMb4");
        await Expect(huge, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        var malformed = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent("From=%ZZ&&==&Body=%", System.Text.Encoding.UTF8, SmsFormType),
        };
        malformed.Headers.Add("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl");
        await Expect(malformed, HttpStatusCode.Unauthorized, "invalid_signature");
        await Expect(new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/sms/generic")
            { Content = new StringContent("[1,2", System.Text.Encoding.UTF8, "application/json") },
            HttpStatusCode.BadRequest, "invalid_json");
        await Expect(new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/sms/generic")
            { Content = new StringContent($"{{\"to\":\"{sender}\",\"from\":\"{phone}\",\"text\":\"x\",\"message_id\":\"g1\"}}",
                System.Text.Encoding.UTF8, "application/json") }, HttpStatusCode.Unauthorized, "invalid_signature");

        var contacts = await ws.Http.GetAsync("/v1/contacts").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(contacts["contacts"]!.AsArray());
    }

    private const string SmsFormType = "application/x-www-form-urlencoded";
}
