using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Durability;

/// <summary>
/// Identical trigger calls (plain, or one keyed call repeated) racing on every node that shares the database — two real processes on PostgreSQL, the one
/// process a SQLite file allows — start exactly one membership: the database, not a process, decides.
/// </summary>
public sealed class MultiNodeTriggerTests : IDisposable
{
    private const int Calls = 1000;

    // One keyed call repeated: fewer copies are enough to race the claim on every node.
    private const int KeyedCalls = 300;

    // Calls in flight at once: enough that every node's writers race all the time, few enough for one test machine.
    private const int InFlight = 100;

    private readonly TempFolder _folder = new("runnel-nodes");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_thousand_concurrent_identical_triggers_across_nodes_start_exactly_one_membership()
    {
        var (nodes, key, flowId) = await StartRaceAsync();
        try
        {
            var clients = nodes.Select(n => n.Client(key)).ToArray();
            using var gate = new SemaphoreSlim(InFlight);
            var answers = await Task.WhenAll(Enumerable.Range(0, Calls).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    using var response = await clients[i % clients.Length].PostAsJsonAsync(
                        $"/v1/flows/{flowId}/trigger", new { email = "race@example.com" });
                    Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK,
                        $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                }
                finally
                {
                    gate.Release();
                }
            }));

            Assert.Single(answers, a => a["status"]!.GetValue<string>() == "started");
            Assert.Equal(Calls - 1, answers.Count(a => a["status"]!.GetValue<string>() == "already_running"));
            Assert.Single(answers.Select(a => a.Id()).Distinct());
            Assert.Single(answers.Select(a => a["contact_id"]!.GetValue<string>()).Distinct());
            foreach (var client in clients)
            {
                var members = await client.GetAsync($"/v1/flows/{flowId}/members").ExpectAsync(HttpStatusCode.OK);
                Assert.Equal(1, members["pagination"]!["total"]!.GetValue<int>());
                client.Dispose();
            }
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task One_keyed_trigger_racing_on_every_node_executes_once()
    {
        // Every copy is told the key is in use or is given the first answer, never a second execution
        // ("already_running" would be one).
        var (nodes, key, flowId) = await StartRaceAsync();
        try
        {
            var clients = nodes.Select(n => n.Client(key)).ToArray();
            var answers = await Task.WhenAll(Enumerable.Range(0, KeyedCalls).Select(async i =>
            {
                using var response = await clients[i % clients.Length].PostJsonAsync($"/v1/flows/{flowId}/trigger",
                    new { email = "keyed-race@example.com" }, idempotencyKey: "one-order");
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            }));

            var executed = answers.Where(a => a.StatusCode != HttpStatusCode.Conflict).ToArray();
            Assert.All(answers.Where(a => a.StatusCode == HttpStatusCode.Conflict),
                a => Assert.Equal("idempotency_key_in_use", JsonNode.Parse(a.Body)!["error_code"]!.GetValue<string>()));
            Assert.NotEmpty(executed);
            Assert.All(executed, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
            Assert.Single(executed.Select(a => a.Body).Distinct());
            Assert.Equal("started", JsonNode.Parse(executed[0].Body)!["status"]!.GetValue<string>());
            foreach (var client in clients)
            {
                var members = await client.GetAsync($"/v1/flows/{flowId}/members").ExpectAsync(HttpStatusCode.OK);
                Assert.Equal(1, members["pagination"]!["total"]!.GetValue<int>());
                client.Dispose();
            }
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_key_revoked_on_one_node_fails_on_every_node_within_a_second()
    {
        var (nodes, key, _) = await StartRaceAsync();
        try
        {
            using var owner = nodes[0].Client(key);
            var spare = (await owner.PostJsonAsync("/v1/api-keys", new { name = "spare", kind = "secret", scopes = new[] { "CONTACTS_READ" } })
                .ExpectAsync(HttpStatusCode.Created));
            var clients = nodes.Select(n => n.Client(spare["key"]!.GetValue<string>())).ToArray();
            // Every node has just read (and may remember) the key.
            foreach (var client in clients)
            {
                await client.GetAsync("/v1/contacts").ExpectAsync(HttpStatusCode.OK);
            }

            await owner.DeleteAsync($"/v1/api-keys/{spare.Id()}").ExpectAsync(HttpStatusCode.NoContent);
            var revokedAt = DateTime.UtcNow;
            // The revoking node forgets at once.
            await clients[0].GetAsync("/v1/contacts").ExpectAsync(HttpStatusCode.Unauthorized);
            foreach (var client in clients.Skip(1))
            {
                // Another node may honour it from memory for a moment, never past a second (real processes: real time).
                while (true)
                {
                    using var response = await client.GetAsync("/v1/contacts");
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        break;
                    }

                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.True(DateTime.UtcNow - revokedAt < TimeSpan.FromSeconds(1), "a revoked key still works after a second");
                    await Task.Delay(50);
                }
            }

            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>Every node this backend allows, a workspace, and an active flow whose members wait an hour.</summary>
    private async Task<(List<ServerProcess> Nodes, string Key, string FlowId)> StartRaceAsync()
    {
        var nodes = new List<ServerProcess>();
        try
        {
            for (var i = 0; i < (TestBackend.IsPostgres ? 2 : 1); i++)
            {
                var node = new ServerProcess(_folder.Path);
                nodes.Add(node);
                await node.StartAsync();
            }

            using var admin = nodes[0].Client();
            var key = (await (await admin.PostAsJsonAsync("/v1/workspaces", new { name = "nodes" }))
                .Content.ReadFromJsonAsync<JsonObject>())!["api_key"]!.GetValue<string>();
            using var setup = nodes[^1].Client(key);
            var flowId = (await setup.PostJsonAsync("/v1/flows", """
                {"name":"race","triggers":[{"type":"api"}],
                 "steps":[{"step_id":"w","type":"wait","duration_amount":1,"duration_unit":"hours"}]}
                """).ExpectAsync(HttpStatusCode.Created)).Id();
            await setup.PostJsonAsync($"/v1/flows/{flowId}/activate", null).ExpectAsync(HttpStatusCode.OK);
            return (nodes, key, flowId);
        }
        catch
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            throw;
        }
    }
}
