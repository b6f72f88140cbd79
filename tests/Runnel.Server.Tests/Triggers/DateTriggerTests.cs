using System.Net;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Triggers;

/// <summary>
/// API.md §8.2 date_based triggers, run by the dev clock (which starts 2026-11-22T09:00Z): each mode, anniversaries
/// across a year boundary and on 29 February, a run time skipped by a DST change, segments. Each test moves the clock
/// months ahead, so each has its own server.
/// </summary>
public sealed class DateTriggerTests : IDisposable
{
    private readonly RunnelFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static async Task<string> DatedAsync(WorkspaceClient ws, string email, string day, string tier = "gold") =>
        await ws.ContactAsync(new { email, fields = new { renews_on = day, tier } });

    private static async Task SetUpFieldsAsync(WorkspaceClient ws)
    {
        await ws.FieldAsync("renews_on", "date");
        await ws.FieldAsync("tier", "text");
    }

    private static Task<System.Text.Json.Nodes.JsonNode> AdvanceToAsync(WorkspaceClient ws, RunnelFactory server,
        DateTimeOffset to) => ws.AdvanceAsync(to - server.Clock.GetUtcNow());

    [Fact]
    public async Task On_date_with_anniversaries_matches_month_and_day_of_any_year_across_new_year()
    {
        using var ws = await _factory.NewWorkspaceAsync();
        await SetUpFieldsAsync(ws);
        var eve = await DatedAsync(ws, "eve@x.test", "2019-12-31");
        var newYear = await DatedAsync(ws, "ny@x.test", "2027-01-01");
        var leap = await DatedAsync(ws, "leap@x.test", "2024-02-29");
        var summer = await DatedAsync(ws, "summer@x.test", "2026-06-15");
        var exact = await ws.WaitingFlowAsync("""
            [{"type":"date_based","field":"renews_on","mode":"on_date","trigger_time":"09:00","timezone":"UTC"}]
            """);
        var yearly = await ws.WaitingFlowAsync("""
            [{"type":"date_based","field":"renews_on","mode":"on_date","include_anniversaries":true}]
            """);
        var start = _factory.Clock.GetUtcNow();

        await AdvanceToAsync(ws, _factory, start.AddDays(39).AddMinutes(30)); // 2026-12-31 09:30Z
        Assert.Equal([eve], await ws.EnteredAsync(yearly));
        Assert.Empty(await ws.EnteredAsync(exact));

        await AdvanceToAsync(ws, _factory, start.AddDays(40).AddMinutes(30)); // 2027-01-01 09:30Z
        Assert.Equal(new[] { eve, newYear }.Order().ToArray(), await ws.EnteredAsync(yearly));
        Assert.Equal([newYear], await ws.EnteredAsync(exact));

        // 2027 has no 29 February: leap-day dates have their anniversary on the 28th.
        await AdvanceToAsync(ws, _factory, new DateTimeOffset(2027, 2, 28, 9, 30, 0, TimeSpan.Zero));
        Assert.Equal(new[] { eve, newYear, leap }.Order().ToArray(), await ws.EnteredAsync(yearly));
        Assert.DoesNotContain(summer, await ws.EnteredAsync(yearly));
    }

    [Fact]
    public async Task Before_and_after_date_offset_the_day_and_segments_restrict_them()
    {
        using var ws = await _factory.NewWorkspaceAsync();
        await SetUpFieldsAsync(ws);
        var soon = await DatedAsync(ws, "soon@x.test", "2026-11-28");
        var soonBasic = await DatedAsync(ws, "basic@x.test", "2026-11-28", tier: "basic");
        var past = await DatedAsync(ws, "past@x.test", "2026-11-21");
        var before = await ws.WaitingFlowAsync("""
            [{"type":"date_based","field":"renews_on","mode":"before_date","days_before":3,
              "segment":{"source":"contact","field":"tier","operator":"eq","value":"gold"}}]
            """);
        var after = await ws.WaitingFlowAsync("""
            [{"type":"date_based","field":"renews_on","mode":"after_date","days_after":2}]
            """);
        var start = _factory.Clock.GetUtcNow();

        await AdvanceToAsync(ws, _factory, start.AddDays(1).AddHours(1)); // 11-23 10:00Z: 21st + 2 days
        Assert.Equal([past], await ws.EnteredAsync(after));
        Assert.Empty(await ws.EnteredAsync(before));

        await AdvanceToAsync(ws, _factory, start.AddDays(3).AddHours(1)); // 11-25 10:00Z: 28th − 3 days
        Assert.Equal([soon], await ws.EnteredAsync(before));
        Assert.DoesNotContain(soonBasic, await ws.EnteredAsync(before));
        Assert.Equal([past], await ws.EnteredAsync(after));
    }

    [Fact]
    public async Task A_run_time_skipped_by_the_spring_forward_runs_shifted_by_the_gap()
    {
        using var ws = await _factory.NewWorkspaceAsync();
        await SetUpFieldsAsync(ws);
        var dst = await DatedAsync(ws, "dst@x.test", "2027-03-14");
        var flowId = await ws.WaitingFlowAsync("""
            [{"type":"date_based","field":"renews_on","mode":"on_date","trigger_time":"02:30",
              "timezone":"America/New_York"}]
            """);

        // New York skips 02:00–03:00 on 2027-03-14: 02:30 shifts forward by the gap to 03:30 EDT, 07:30Z (on a
        // standard-time day 02:30 EST would be 07:30Z too — the run keeps its UTC instant across the change).
        await AdvanceToAsync(ws, _factory, new DateTimeOffset(2027, 3, 14, 7, 29, 0, TimeSpan.Zero));
        Assert.Empty(await ws.EnteredAsync(flowId));
        await AdvanceToAsync(ws, _factory, new DateTimeOffset(2027, 3, 14, 7, 30, 0, TimeSpan.Zero));
        Assert.Equal([dst], await ws.EnteredAsync(flowId));
        var member = await ws.Http.GetAsync($"/v1/flows/{flowId}/members").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("2027-03-14T07:30:00Z", member.Member(dst)["entered_at"]!.GetValue<string>());
    }
}
