using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Runnel.Client.Tests.Infrastructure;

namespace Runnel.Client.Tests;

/// <summary><see cref="RunnelWebhook.Verify(string, IEnumerable{KeyValuePair{string, string}}, string, TimeProvider?)"/>
/// on a webhook a real flow's send_webhook step delivered to a loopback listener.</summary>
[Collection(SharedServer.Name)]
public sealed class WebhookTests(ServerFixture fixture)
{
    private readonly RunnelClient _client = fixture.Client;

    [Fact]
    public async Task A_real_webhook_verifies_and_any_change_to_it_does_not()
    {
        var (webhook, secret, sentAt) = await SendWebhookAsync();
        // The dev clock signed it; the verifier's clock must be the sender's.
        var clock = new FakeTimeProvider(sentAt);

        var payload = RunnelWebhook.Verify(webhook.Body, webhook.Headers, secret, clock);
        Assert.Equal("flow.step", payload["type"]!.GetValue<string>());
        Assert.Equal("hook", payload["step_id"]!.GetValue<string>());
        Assert.Equal("X-1", payload["orderRef"]!.GetValue<string>());
        Assert.Equal("987", payload["context"]!["cartId"]!.GetValue<string>());

        var httpHeaders = new HttpRequestMessage().Headers;
        foreach (var (name, value) in webhook.Headers.Where(h => h.Key.StartsWith("webhook-", StringComparison.Ordinal)))
        {
            httpHeaders.TryAddWithoutValidation(name, value);
        }

        Assert.Equal(payload.ToJsonString(), RunnelWebhook.Verify(webhook.Body, httpHeaders, secret, clock).ToJsonString());
        Assert.NotNull(RunnelWebhook.Verify(webhook.Body, name => webhook.Headers.GetValueOrDefault(name), secret, clock));

        Assert.Throws<RunnelWebhookVerificationException>(() =>
            RunnelWebhook.Verify(webhook.Body.Replace("X-1", "X-2", StringComparison.Ordinal), webhook.Headers, secret, clock));
        Assert.Throws<RunnelWebhookVerificationException>(() =>
            RunnelWebhook.Verify(webhook.Body, webhook.Headers, "whsec_" + Convert.ToBase64String(new byte[32]), clock));
        var withoutSignature = webhook.Headers.Where(h => h.Key != "webhook-signature").ToDictionary();
        Assert.Contains("webhook-signature", Assert.Throws<RunnelWebhookVerificationException>(() =>
            RunnelWebhook.Verify(webhook.Body, withoutSignature, secret, clock)).Message, StringComparison.Ordinal);
        var otherId = new Dictionary<string, string>(webhook.Headers) { ["webhook-id"] = "msg_forged" };
        Assert.Throws<RunnelWebhookVerificationException>(() => RunnelWebhook.Verify(webhook.Body, otherId, secret, clock));
    }

    [Fact]
    public async Task A_webhook_older_or_newer_than_five_minutes_is_refused()
    {
        var (webhook, secret, sentAt) = await SendWebhookAsync();

        Assert.NotNull(RunnelWebhook.Verify(webhook.Body, webhook.Headers, secret, new FakeTimeProvider(sentAt.AddMinutes(4.9))));
        var late = Assert.Throws<RunnelWebhookVerificationException>(() =>
            RunnelWebhook.Verify(webhook.Body, webhook.Headers, secret, new FakeTimeProvider(sentAt.AddMinutes(5).AddSeconds(2))));
        Assert.Contains("tolerance", late.Message, StringComparison.Ordinal);
        Assert.Throws<RunnelWebhookVerificationException>(() =>
            RunnelWebhook.Verify(webhook.Body, webhook.Headers, secret, new FakeTimeProvider(sentAt.AddMinutes(-6))));
    }

    private async Task<(ReceivedWebhook Webhook, string Secret, DateTimeOffset SentAt)> SendWebhookAsync()
    {
        var secret = (await _client.Secrets.RotateWebhookSigningSecretAsync()).Secret;
        var path = "hook-" + Guid.NewGuid().ToString("N");
        var flow = await _client.Flows.CreateAsync(new CreateFlowRequest
        {
            Name = TestData.Unique("webhook"),
            Triggers = [new FlowTrigger { Type = TriggerTypes.Api }],
            Steps =
            [
                new FlowStep
                {
                    StepId = "hook", Type = StepTypes.SendWebhook, EndpointUrl = fixture.Webhooks.Url(path).ToString(),
                    CustomFields = new JsonObject { ["orderRef"] = "X-1" },
                },
            ],
        });
        await _client.Flows.ActivateAsync(flow.Id);
        await _client.Flows.TriggerAsync(new TriggerRequest { FlowId = flow.Id, Email = TestData.Email(), Context = TestData.Context() });
        var sentAt = await fixture.Server.AdvanceClockAsync();

        while (true)
        {
            var received = await fixture.Webhooks.NextAsync();
            if (received.Path == "/" + path)
            {
                return (received, secret, sentAt);
            }
        }
    }
}
