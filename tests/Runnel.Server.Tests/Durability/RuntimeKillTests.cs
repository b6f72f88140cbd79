using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Durability;

/// <summary>
/// The runtime's durability on a real process: enrollments and members advancing while the server is killed with
/// SIGKILL, then restarted on the same database file.
/// </summary>
public sealed class RuntimeKillTests : IDisposable
{
    private readonly TempFolder _folder = new("runnel-kill");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Acknowledged_enrollments_survive_kill_9_and_no_step_runs_twice()
    {
        await using var server = new ServerProcess(_folder.Path, new Dictionary<string, string> { ["RUNNEL_DEV_CLOCK"] = "1" });
        await server.StartAsync();
        string key, flowId;
        using (var admin = server.Client())
        {
            var workspace = (await (await admin.PostAsJsonAsync("/v1/workspaces", new { name = "crash" }))
                .Content.ReadFromJsonAsync<JsonObject>())!;
            key = workspace["api_key"]!.GetValue<string>();
        }

        using (var setup = server.Client(key))
        {
            var email = await Json(await setup.PostAsJsonAsync("/v1/emails",
                new { name = "hello", subject = "Hello", html = "<p>Hi</p>", from_email = "hi@runnel.test" }));
            (await setup.PostAsync($"/v1/emails/{email["id"]}/approve", null)).EnsureSuccessStatusCode();
            var flow = await Json(await setup.PostAsync("/v1/flows", JsonContent.Create(JsonNode.Parse($$"""
                {"name":"crash","triggers":[{"type":"api"}],
                 "steps":[{"step_id":"hello","type":"send_email","email_id":"{{email["id"]}}","next_step_id":"pause"},
                          {"step_id":"pause","type":"wait","duration_amount":1,"duration_unit":"minutes","next_step_id":"mark"},
                          {"step_id":"mark","type":"update_contact","field":"last_name","value":"done","next_step_id":"end"},
                          {"step_id":"end","type":"drop_from_flow"}]}
                """))));
            flowId = flow["id"]!.GetValue<string>();
            (await setup.PostAsync($"/v1/flows/{flowId}/activate", null)).EnsureSuccessStatusCode();
        }

        var acknowledged = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        using var client = server.Client(key);
        using var clockAdmin = server.Client(); // the dev clock is server-wide: only the admin key moves it
        var triggerers = Enumerable.Range(0, 6).Select(w => ServerProcess.LoadUntilStoppedAsync(async i =>
        {
            using var response = await client.PostAsJsonAsync($"/v1/flows/{flowId}/trigger",
                new { email = $"c{w}_{i}@example.com" }, stop.Token);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
            }
        }, stop.Token)).ToArray();
        var clock = ServerProcess.LoadUntilStoppedAsync(async _ =>
        {
            using var moved = await clockAdmin.PostAsJsonAsync("/v1/dev/clock", new { advance_seconds = 20 }, stop.Token);
        }, stop.Token);

        // The writers talk to a real process; wait (real time) until it has acknowledged enough to make the kill count.
        while (acknowledged.Count < 200)
        {
            await Task.Delay(10);
        }

        await server.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(triggerers.Append(clock));

        await server.StartAsync();
        using var after = server.Client(key);
        using var afterAdmin = server.Client();
        for (var i = 0; i < 3; i++)
        {
            (await afterAdmin.PostAsJsonAsync("/v1/dev/clock", new { advance_seconds = 600 })).EnsureSuccessStatusCode();
        }

        foreach (var memberId in acknowledged)
        {
            using var response = await after.GetAsync($"/v1/flows/{flowId}/members/{memberId}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"acknowledged member {memberId} is missing");
            var member = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("dropped_by_step", member["exit_reason"]?.GetValue<string>());
            var timeline = member["timeline"]!.AsArray();
            foreach (var step in new[] { "hello", "pause", "mark", "end" })
            {
                Assert.Equal(1, timeline.Count(t => t!["type"]!.GetValue<string>() == "step_executed"
                    && t["step_id"]?.GetValue<string>() == step));
            }

            Assert.Equal(1, timeline.Count(t => t!["type"]!.GetValue<string>() == "email_sent"));
        }

        var members = (await after.GetFromJsonAsync<JsonObject>($"/v1/flows/{flowId}/members?limit=1"))!;
        var outbox = (await after.GetFromJsonAsync<JsonObject>("/v1/dev/outbox?limit=1"))!;
        Assert.Equal(members["pagination"]!["total"]!.GetValue<int>(), outbox["pagination"]!["total"]!.GetValue<int>());
        var stats = (await after.GetFromJsonAsync<JsonObject>($"/v1/flows/{flowId}"))!["stats"]!;
        Assert.Equal(0, stats["active_count"]!.GetValue<int>() + stats["waiting_count"]!.GetValue<int>());
    }

    private static async Task<JsonObject> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }
}
