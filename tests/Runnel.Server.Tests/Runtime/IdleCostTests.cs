using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Runtime;

/// <summary>
/// An idle server — members parked far in the future, nothing due, nobody calling — issues at most one SQL statement
/// a second: its loops sleep until their next due time or a signal, and only the safety-net poll (every 30 s by
/// default) reads anything. A real process with its default settings and the real clock, measured from outside through
/// <c>runnel_sql_statements_total</c>, as the benchmark does (docs/benchmarks.md).
/// </summary>
public sealed class IdleCostTests : IDisposable
{
    private const int Parked = 50;

    // Longer than a few wake-ups, shorter than the default safety-net poll: a window can hold at most one safety-net
    // look of each loop, which the budget of one statement a second must absorb.
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(20);

    private readonly TempFolder _folder = new("runnel-idle");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_idle_server_with_members_waiting_issues_at_most_one_statement_a_second()
    {
        await using var server = new ServerProcess(_folder.Path);
        await server.StartAsync();
        using var admin = server.Client();
        var key = (await (await admin.PostAsJsonAsync("/v1/workspaces", new { name = "idle" }))
            .Content.ReadFromJsonAsync<JsonObject>())!["api_key"]!.GetValue<string>();
        using var client = server.Client(key);
        var flow = (await (await client.PostAsJsonAsync("/v1/flows", JsonNode.Parse("""
            {"name":"Parked","triggers":[{"type":"api"}],
             "steps":[{"step_id":"rest","type":"wait","duration_amount":30,"duration_unit":"days","next_step_id":"end"},
                      {"step_id":"end","type":"drop_from_flow"}]}
            """))).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        (await client.PostAsync($"/v1/flows/{flow}/activate", null)).EnsureSuccessStatusCode();
        for (var i = 0; i < Parked; i++)
        {
            (await client.PostAsJsonAsync($"/v1/flows/{flow}/trigger", new { email = $"idle{i}@runnel.test" }))
                .EnsureSuccessStatusCode();
        }

        // A real process: wait (real time) until its runner has parked everyone, then let it settle.
        var parking = Stopwatch.StartNew();
        while ((await client.GetFromJsonAsync<JsonObject>($"/v1/flows/{flow}"))!["stats"]!["waiting_count"]!
               .GetValue<long>() < Parked)
        {
            Assert.True(parking.Elapsed < TimeSpan.FromSeconds(60), "the members were never parked");
            await Task.Delay(50);
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        var before = await Cluster.MetricAsync(server, "runnel_sql_statements_total");
        await Task.Delay(Window);
        // Includes the statements of this /metrics read itself (its due-backlog query).
        var during = await Cluster.MetricAsync(server, "runnel_sql_statements_total") - before;

        Assert.True(during <= Window.TotalSeconds,
            $"{during} SQL statements in {Window.TotalSeconds} s of idling ({during / Window.TotalSeconds:F2}/s)");
    }
}
