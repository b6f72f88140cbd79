using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Durability;

/// <summary>
/// One keyed trigger sent many times at once to every node sharing the database (two real processes on PostgreSQL,
/// the one process a SQLite file allows): it executes once. Every other copy is told the key is in use or is given
/// the first answer — never a second execution ("already_running" would be one).
/// </summary>
public sealed class MultiNodeIdempotencyTests : IDisposable
{
    private const int Calls = 300;

    private readonly TempFolder _folder = new("runnel-nodes-idem");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task One_keyed_trigger_racing_on_every_node_executes_once()
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
            var answers = await Task.WhenAll(Enumerable.Range(0, Calls).Select(async i =>
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
}
