using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Durability;

/// <summary>Acknowledged writes survive SIGKILL of a real server process (DESIGN.md durability model).</summary>
public sealed class KillTests : IDisposable
{
    private readonly TempFolder _folder = new("runnel-kill");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Every_acknowledged_write_survives_kill_9_during_a_write_storm()
    {
        await using var server = new ServerProcess(_folder.Path);
        await server.StartAsync();
        using var admin = server.Client();
        var workspace = (await (await admin.PostAsJsonAsync("/v1/workspaces", new { name = "durable" }))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        var key = workspace["api_key"]!.GetValue<string>();
        using var client = server.Client(key);

        var acknowledged = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 8).Select(async w =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    using var response = await client.PostAsJsonAsync("/v1/secrets",
                        new { name = $"s_{w}_{i}", value = "v" }, stop.Token);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged.Add($"s_{w}_{i}");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException)
                {
                    return;
                }
            }
        }).ToArray();

        // The writers talk to a real process; wait (real time) until it has acknowledged enough to make the kill count.
        while (acknowledged.Count < 300)
        {
            await Task.Delay(10);
        }

        await server.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        await server.StartAsync();
        using var after = server.Client(key);
        var stored = (await after.GetFromJsonAsync<JsonObject>("/v1/secrets"))!["secrets"]!.AsArray()
            .Select(s => s!["name"]!.GetValue<string>()).ToHashSet();
        var lost = acknowledged.Where(name => !stored.Contains(name)).ToArray();
        Assert.True(lost.Length == 0, $"{lost.Length} of {acknowledged.Count} acknowledged writes were lost");
        Assert.True(stored.Count >= acknowledged.Count);
    }

    /// <summary>A trigger event committed with its change survives kill -9 before dispatch and enrolls after restart.</summary>
    [Fact]
    public async Task A_trigger_event_written_before_kill_9_enrolls_its_contact_after_restart()
    {
        string key, flowId, contactId;
        await using (var paused = new ServerProcess(_folder.Path,
                         new Dictionary<string, string> { ["RUNNEL_TRIGGER_DISPATCH"] = "0" }))
        {
            await paused.StartAsync();
            using var admin = paused.Client();
            key = (await (await admin.PostAsJsonAsync("/v1/workspaces", new { name = "durable" }))
                .Content.ReadFromJsonAsync<JsonObject>())!["api_key"]!.GetValue<string>();
            using var client = paused.Client(key);
            var flow = await client.PostJsonAsync("/v1/flows", """
                {"name":"On signup","triggers":[{"type":"contact_created"}],
                 "steps":[{"step_id":"hold","type":"wait","duration_amount":1,"duration_unit":"days"}]}
                """).ExpectAsync(HttpStatusCode.Created);
            flowId = flow.Id();
            await client.PostJsonAsync($"/v1/flows/{flowId}/activate", null).ExpectAsync(HttpStatusCode.OK);
            contactId = (await client.PostJsonAsync("/v1/contacts", new { email = "kill@x.test" })
                .ExpectAsync(HttpStatusCode.Created)).Id("contact_id");
            var members = await client.GetAsync($"/v1/flows/{flowId}/members").ExpectAsync(HttpStatusCode.OK);
            Assert.Empty(members["members"]!.AsArray());
            await paused.KillAsync();
        }

        await using var restarted = new ServerProcess(_folder.Path);
        await restarted.StartAsync();
        using var after = restarted.Client(key);
        JsonArray entered = [];
        // A real process dispatches on its own; poll its answer for up to 20 s.
        for (var attempt = 0; attempt < 200 && entered.Count == 0; attempt++)
        {
            entered = (await after.GetAsync($"/v1/flows/{flowId}/members").ExpectAsync(HttpStatusCode.OK))
                ["members"]!.AsArray();
            if (entered.Count == 0)
            {
                await Task.Delay(100);
            }
        }

        var member = Assert.Single(entered);
        Assert.Equal(contactId, member!["contact_id"]!.GetValue<string>());
    }
}
