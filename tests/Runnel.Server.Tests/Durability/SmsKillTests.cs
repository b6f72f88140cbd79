using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Runnel.Core.Engine;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Sms;
using Runnel.Server.Tests.Webhooks;

namespace Runnel.Server.Tests.Durability;

/// <summary>
/// SMS delivery through kill -9 of a real server process: every acknowledged send reaches the provider exactly once,
/// or — only for the messages in flight at the kill — twice under one idempotency key (API.md §12).
/// </summary>
public sealed class SmsKillTests : IDisposable
{
    private const string ProviderPath = "/sms-provider";
    private readonly TempFolder _folder = new("runnel-sms-kill");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Every_acknowledged_sms_is_sent_once_or_in_flight_twice_with_one_key_through_kill_9()
    {
        await using var provider = WebhookReceiver.Start();
        await using var server = new ServerProcess(_folder.Path,
            new Dictionary<string, string> { ["RUNNEL_SMS_URL"] = provider.BaseUrl + ProviderPath });
        await server.StartAsync();
        string key, flowId;
        using (var admin = server.Client())
        {
            key = (await Json(await admin.PostAsJsonAsync("/v1/workspaces", new { name = "sms-crash" })))["api_key"]!
                .GetValue<string>();
        }

        using (var setup = server.Client(key))
        {
            await Json(await setup.PatchAsync("/v1/settings", JsonContent.Create(new { sms_from = SmsScenario.NewSender() })));
            var flow = await Json(await setup.PostAsync("/v1/flows", JsonContent.Create(JsonNode.Parse("""
                {"name":"sms crash","triggers":[{"type":"api"}],
                 "steps":[{"step_id":"hello","type":"send_sms","body":"Your code is {{context.code}}"}]}
                """))));
            flowId = flow["id"]!.GetValue<string>();
            await Json(await setup.PostAsync($"/v1/flows/{flowId}/activate", null));
        }

        // Phones acknowledged by a 201: each must get its text.
        var acknowledged = new ConcurrentDictionary<string, string>();
        using var stop = new CancellationTokenSource();
        using var client = server.Client(key);
        var triggerers = Enumerable.Range(0, 6).Select(w => ServerProcess.LoadUntilStoppedAsync(async i =>
        {
            var phone = $"+1646{w + 2}{i:D6}";
            using var response = await client.PostAsJsonAsync($"/v1/flows/{flowId}/trigger",
                new { phone, context = new { code = $"{w}-{i}" } }, stop.Token);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                acknowledged[phone] = $"{w}-{i}";
            }
        }, stop.Token)).ToArray();

        // Kill while sends are flowing: enough acknowledged, and the provider already receiving (real time: a process).
        while (acknowledged.Count < 300 || provider.ReceivedAt(ProviderPath).Count < 50)
        {
            await Task.Delay(10);
        }

        await server.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(triggerers);
        var sentBeforeKill = provider.ReceivedAt(ProviderPath).Count;

        await server.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        Dictionary<string, List<JsonNode>> byPhone;
        while (true)
        {
            byPhone = provider.ReceivedAt(ProviderPath).Select(r => JsonNode.Parse(r.Body)!)
                .GroupBy(b => b["to"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.ToList());
            if (acknowledged.Keys.All(byPhone.ContainsKey) || DateTime.UtcNow > deadline)
            {
                break;
            }

            // The restarted process delivers on its own schedule; there is no clock to move.
            await Task.Delay(100);
        }

        var missing = acknowledged.Keys.Where(p => !byPhone.ContainsKey(p)).ToArray();
        Assert.True(missing.Length == 0, $"{missing.Length} of {acknowledged.Count} acknowledged texts never reached the provider");
        foreach (var (phone, code) in acknowledged)
        {
            var sends = byPhone[phone];
            Assert.All(sends, s => Assert.Equal($"Your code is {code}", s["text"]!.GetValue<string>()));
            Assert.Single(sends.Select(s => s["message_id"]!.GetValue<string>()).Distinct());
            Assert.InRange(sends.Count, 1, 2);
        }

        // Only what was in flight at the kill may go twice: at most the batches the pump had claimed.
        var twice = byPhone.Values.Count(s => s.Count > 1);
        Assert.True(twice <= 2 * SmsDeliveryPump.BatchSize,
            $"{twice} texts went twice; at most the in-flight batches may ({sentBeforeKill} had been sent at the kill)");
    }

    private static async Task<JsonObject> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }
}
