using System.Net;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Flows;

/// <summary>GET /v1/flows/{id}/step-stats (API.md §8.7): members per step and edges taken, through a split and waits.</summary>
public sealed class StepStatsTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    private const string SplitAndWaits = """
        {"triggers":[{"type":"api"}],
         "steps":[{"step_id":"s","type":"split","branches":[{"percent":50,"next_step_id":"a"},{"percent":50,"next_step_id":"b"}]},
                  {"step_id":"a","type":"wait","condition":{"source":"contact","field":"first_name","operator":"eq","value":"X"},
                   "timeout_minutes":60,"timeout_step_id":"t","next_step_id":"done"},
                  {"step_id":"b","type":"wait","duration_amount":1,"duration_unit":"hours","next_step_id":"done"},
                  {"step_id":"t","type":"drop_from_flow"},
                  {"step_id":"done","type":"drop_from_flow"}]}
        """;

    private static JsonNode Step(JsonNode stats, string id) =>
        stats["step_stats"]!.AsArray().Single(s => s!["step_id"]!.GetValue<string>() == id)!;

    private static long Taken(JsonNode stats, string from, string to, string edge) =>
        stats["edge_stats"]!.AsArray().Single(e => e!["from_step_id"]!.GetValue<string>() == from
            && e["to_step_id"]!.GetValue<string>() == to && e["edge"]!.GetValue<string>() == edge)!["taken"]!.GetValue<long>();

    private static long Count(JsonNode stats, string id, string what) => Step(stats, id)[what]!.GetValue<long>();

    [Fact]
    public async Task Members_through_a_split_and_a_wait_that_times_out_are_counted_per_step_and_edge()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await ws.ActiveFlowAsync(SplitAndWaits);
        var empty = await ws.Http.GetAsync($"/v1/flows/{flowId}/step-stats").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, empty["version"]!.GetValue<int>());
        Assert.Equal(["s", "a", "b", "t", "done"],
            empty["step_stats"]!.AsArray().Select(s => s!["step_id"]!.GetValue<string>()));
        Assert.Equal(0, Taken(empty, "s", "a", "branch:0"));

        const int people = 20;
        var recipients = Enumerable.Range(0, people).Select(i => new { email = $"p{i}@example.com" }).ToArray();
        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/trigger/batch", new { recipients }).ExpectAsync(HttpStatusCode.OK);
        await ws.AdvanceAsync(TimeSpan.FromSeconds(1));

        var parked = await ws.Http.GetAsync($"/v1/flows/{flowId}/step-stats?version=1").ExpectAsync(HttpStatusCode.OK);
        var toA = Taken(parked, "s", "a", "branch:0");
        var toB = Taken(parked, "s", "b", "branch:1");
        Assert.Equal(people, toA + toB);
        Assert.Equal(people, Count(parked, "s", "executed"));
        Assert.Equal(0, Count(parked, "s", "at_step"));
        Assert.Equal(toA, Count(parked, "a", "at_step"));
        Assert.Equal(toA, Count(parked, "a", "waiting"));
        Assert.Equal(toB, Count(parked, "b", "waiting"));
        Assert.Equal(0, Taken(parked, "a", "t", "timeout"));

        await ws.AdvanceAsync(TimeSpan.FromMinutes(61));
        var after = await ws.Http.GetAsync($"/v1/flows/{flowId}/step-stats").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(toA, Taken(after, "a", "t", "timeout"));
        Assert.Equal(0, Taken(after, "a", "done", "next"));
        Assert.Equal(toB, Taken(after, "b", "done", "next"));
        Assert.Equal(toA, Count(after, "t", "exited"));
        Assert.Equal(toB, Count(after, "done", "exited"));
        Assert.Equal(toA, Count(after, "t", "executed"));
        Assert.Equal(0, Count(after, "a", "at_step") + Count(after, "b", "at_step"));
    }

    [Fact]
    public async Task Unknown_flows_and_versions_are_refused()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync();
        var flowId = await ws.ActiveFlowAsync(SplitAndWaits);
        await other.Http.GetAsync($"/v1/flows/{flowId}/step-stats").ExpectProblemAsync(HttpStatusCode.NotFound, "flow_not_found");
        await ws.Http.GetAsync("/v1/flows/nope/step-stats").ExpectProblemAsync(HttpStatusCode.NotFound, "flow_not_found");
        await ws.Http.GetAsync($"/v1/flows/{flowId}/step-stats?version=7").ExpectValidationAsync("version");
        await ws.Http.GetAsync($"/v1/flows/{flowId}/step-stats?version=x").ExpectValidationAsync("version");
    }
}
