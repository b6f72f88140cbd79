using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Durability;

/// <summary>
/// Identical trigger calls racing on every node that shares the database — two real processes on PostgreSQL, the one
/// process a SQLite file allows — start exactly one membership: the database, not a process, decides.
/// </summary>
public sealed class MultiNodeTriggerTests : IDisposable
{
    private const int Calls = 1000;

    // Calls in flight at once: enough that every node's writers race all the time, few enough for one test machine.
    private const int InFlight = 100;

    private readonly TempFolder _folder = new("runnel-nodes");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_thousand_concurrent_identical_triggers_across_nodes_start_exactly_one_membership()
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

            string key, flowId;
            using (var admin = nodes[0].Client())
            {
                key = (await (await admin.PostAsJsonAsync("/v1/workspaces", new { name = "nodes" }))
                    .Content.ReadFromJsonAsync<JsonObject>())!["api_key"]!.GetValue<string>();
            }

            using (var setup = nodes[^1].Client(key))
            {
                flowId = (await setup.PostJsonAsync("/v1/flows", """
                    {"name":"race","triggers":[{"type":"api"}],
                     "steps":[{"step_id":"w","type":"wait","duration_amount":1,"duration_unit":"hours"}]}
                    """).ExpectAsync(HttpStatusCode.Created)).Id();
                await setup.PostJsonAsync($"/v1/flows/{flowId}/activate", null).ExpectAsync(HttpStatusCode.OK);
            }

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
}
