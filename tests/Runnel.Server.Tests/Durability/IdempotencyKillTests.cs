using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Durability;

/// <summary>
/// Keyed triggers retried after SIGKILL of a real server process, under <c>after_exit</c> reentry (where a second
/// execution of a trigger would be let in): no contact gets two memberships, and every acknowledged trigger's retry
/// answers with the member it answered before the crash.
/// </summary>
public sealed class IdempotencyKillTests : IDisposable
{
    private readonly TempFolder _folder = new("runnel-kill-idem");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Keyed_trigger_retries_after_kill_9_never_enroll_twice_and_answer_the_original_member()
    {
        await using var server = new ServerProcess(_folder.Path, new Dictionary<string, string> { ["RUNNEL_DEV_CLOCK"] = "1" });
        await server.StartAsync();
        using var admin = server.Client();
        var workspace = (await (await admin.PostAsJsonAsync("/v1/workspaces", new { name = "retry" }))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        var key = workspace["api_key"]!.GetValue<string>();
        using var client = server.Client(key);
        var flow = await Json(await client.PostAsync("/v1/flows", JsonContent.Create(JsonNode.Parse("""
            {"name":"retry","triggers":[{"type":"api"}],"reentry_policy":{"mode":"after_exit"},
             "steps":[{"step_id":"pause","type":"wait","duration_amount":1,"duration_unit":"minutes"}]}
            """))));
        var flowId = flow["id"]!.GetValue<string>();
        (await client.PostAsync($"/v1/flows/{flowId}/activate", null)).EnsureSuccessStatusCode();

        var sent = new ConcurrentBag<string>();
        var answered = new ConcurrentDictionary<string, string>();
        using var stop = new CancellationTokenSource();
        var triggerers = Enumerable.Range(0, 6).Select(w => ServerProcess.LoadUntilStoppedAsync(async i =>
        {
            var name = $"c{w}_{i}";
            sent.Add(name);
            using var response = await TriggerAsync(client, flowId, name, stop.Token);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                answered[name] = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
            }
        }, stop.Token)).ToArray();
        // Members finish a minute after they start, so a trigger run twice would find the first membership ended.
        var clock = ServerProcess.LoadUntilStoppedAsync(async _ =>
        {
            using var moved = await admin.PostAsJsonAsync("/v1/dev/clock", new { advance_seconds = 20 }, stop.Token);
        }, stop.Token);

        // The writers talk to a real process; wait (real time) until it has acknowledged enough to make the kill count.
        while (answered.Count < 200)
        {
            await Task.Delay(10);
        }

        await server.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(triggerers.Append(clock));

        await server.StartAsync();
        using var adminAfter = server.Client();
        using var after = server.Client(key);
        // The restarted dev clock begins at the real time again; move it past the dead process's clock (and its leases)
        // but well inside the 24 hours a record is remembered.
        (await adminAfter.PostAsJsonAsync("/v1/dev/clock", new { advance_seconds = 7200 })).EnsureSuccessStatusCode();
        for (var round = 0; round < 2; round++)
        {
            foreach (var name in sent)
            {
                using var response = await TriggerAsync(after, flowId, name, CancellationToken.None);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"retry of {name}: {(int)response.StatusCode} {text}");
                var memberId = JsonNode.Parse(text)!["id"]!.GetValue<string>();
                if (answered.TryGetValue(name, out var original))
                {
                    Assert.True(original == memberId, $"retry of {name} answered member {memberId}, first {original}");
                }

                answered[name] = memberId;
            }

            (await adminAfter.PostAsJsonAsync("/v1/dev/clock", new { advance_seconds = 120 })).EnsureSuccessStatusCode();
        }

        var members = new List<JsonNode>();
        for (var page = 1; ; page++)
        {
            var body = (await after.GetFromJsonAsync<JsonObject>($"/v1/flows/{flowId}/members?limit=100&page={page}"))!;
            members.AddRange(body["members"]!.AsArray().Select(m => m!));
            if (page >= body["pagination"]!["total_pages"]!.GetValue<int>())
            {
                break;
            }
        }

        Assert.Equal(sent.Distinct().Count(), members.Count);
        Assert.Equal(members.Count, members.Select(m => m["contact_id"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(answered.Values.Order(), members.Select(m => m.Id()).Order());
    }

    private static Task<HttpResponseMessage> TriggerAsync(HttpClient client, string flowId, string name,
        CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/flows/{flowId}/trigger")
        {
            Content = JsonContent.Create(new { email = $"{name}@example.com" }),
        };
        request.Headers.Add("Idempotency-Key", $"trigger-{name}");
        return client.SendAsync(request, ct);
    }

    private static async Task<JsonObject> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }
}
