using System.Net;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Triggers;
/// <summary>One long move of the dev clock runs every daily date-trigger run inside it, each on its own day.</summary>
public sealed class DateTriggerClockJumpTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    [Fact]
    public async Task A_three_day_jump_runs_each_days_date_trigger()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.FieldAsync("due_on", "date");
        var today = factory.Clock.GetUtcNow().UtcDateTime.Date;
        var first = await ws.ContactAsync(new { email = "d1@x.test", fields = new { due_on = today.AddDays(1).ToString("yyyy-MM-dd") } });
        var second = await ws.ContactAsync(new { email = "d2@x.test", fields = new { due_on = today.AddDays(2).ToString("yyyy-MM-dd") } });
        var flowId = await ws.WaitingFlowAsync("""
            [{"type":"date_based","field":"due_on","mode":"on_date","trigger_time":"10:00","timezone":"UTC"}]
            """);

        await ws.AdvanceAsync(TimeSpan.FromDays(3));

        Assert.Equal(new[] { first, second }.Order().ToArray(), await ws.EnteredAsync(flowId));
        var members = await ws.Http.GetAsync($"/v1/flows/{flowId}/members").ExpectAsync(HttpStatusCode.OK);
        var entered = members["members"]!.AsArray()
            .ToDictionary(m => m!["contact_id"]!.GetValue<string>(), m => m!.Time("entered_at"));
        Assert.Equal(new DateTimeOffset(today.AddDays(1).AddHours(10), TimeSpan.Zero), entered[first]);
        Assert.Equal(new DateTimeOffset(today.AddDays(2).AddHours(10), TimeSpan.Zero), entered[second]);
    }
}
