using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;

namespace Runnel.Server.Tests.Infrastructure;

/// <summary>
/// Several real <c>runnel</c> processes sharing one fresh PostgreSQL database, as DESIGN.md "Scale" runs them (they
/// share one data folder, which <see cref="TestBackend"/> maps to one database). Nodes use the real clock — each
/// process would have its own dev clock — so tests on a cluster wait for real time to pass.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly TempFolder _folder;

    private Cluster(TempFolder folder, IReadOnlyList<ServerProcess> nodes)
    {
        if (!TestBackend.IsPostgres)
        {
            throw new InvalidOperationException("A cluster needs RUNNEL_TEST_BACKEND=postgres.");
        }

        _folder = folder;
        Nodes = nodes;
    }

    public IReadOnlyList<ServerProcess> Nodes { get; }

    /// <summary>
    /// Starts <paramref name="count"/> nodes together on a new database — so their migrations race, which the
    /// advisory lock must settle. <paramref name="environment"/> gives each node's extra settings by index.
    /// </summary>
    public static async Task<Cluster> StartAsync(int count, Func<int, IDictionary<string, string>>? environment = null)
    {
        var folder = new TempFolder("runnel-cluster");
        var nodes = new List<ServerProcess>();
        var cluster = new Cluster(folder, nodes);
        for (var i = 0; i < count; i++)
        {
            var settings = new Dictionary<string, string>(environment?.Invoke(i) ?? new Dictionary<string, string>())
            {
                ["RUNNEL_NODE_ID"] = $"node-{i}",
            };
            nodes.Add(new ServerProcess(folder.Path, settings));
        }

        await Task.WhenAll(nodes.Select(n => n.StartAsync()));
        return cluster;
    }

    /// <summary>A workspace created through the first node, with a client per node holding its key.</summary>
    public async Task<(string Key, HttpClient[] Clients)> NewWorkspaceAsync()
    {
        using var admin = Nodes[0].Client();
        var response = await admin.PostAsJsonAsync("/v1/workspaces", new { name = "Cluster" });
        response.EnsureSuccessStatusCode();
        var key = (await response.Content.ReadFromJsonAsync<JsonObject>())!["api_key"]!.GetValue<string>();
        return (key, Nodes.Select(n => n.Client(key)).ToArray());
    }

    /// <summary>The first column of the first row of a plain SQL query on the shared database.</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = TestBackend.Connect(_folder.Path);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    /// <summary>The first column of every row of a plain SQL query on the shared database.</summary>
    public async Task<IReadOnlyList<T>> ColumnAsync<T>(string sql)
    {
        await using var connection = TestBackend.Connect(_folder.Path);
        return (await connection.QueryAsync<T>(sql)).ToList();
    }

    /// <summary>Members by status, step and claim holder: what a timed-out wait reports.</summary>
    public async Task<string> MemberCensusAsync()
    {
        await using var connection = TestBackend.Connect(_folder.Path);
        return string.Join("; ", await connection.QueryAsync<string>(
            """
            SELECT status || '/' || COALESCE(current_step_id, '-') || '/' || COALESCE(lease_owner, 'unclaimed') || ': '
                || COUNT(*) || COALESCE(' ' || MIN(failure), '')
            FROM flow_members GROUP BY status, current_step_id, lease_owner ORDER BY 1
            """));
    }

    /// <summary>A counter or gauge from the node's <c>/metrics</c>.</summary>
    public static async Task<double> MetricAsync(ServerProcess node, string name)
    {
        using var client = node.Client();
        var text = await client.GetStringAsync("/metrics");
        var line = text.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            // SIGKILL ends a stopped (SIGSTOP) process too.
            await node.DisposeAsync();
        }

        TestBackend.Release(_folder.Path);
        _folder.Dispose();
    }
}
