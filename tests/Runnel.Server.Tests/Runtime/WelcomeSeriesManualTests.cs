using System.Net;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Runtime;
/// <summary>The welcome series for a free contact enrolled by hand, on a server of its own.</summary>
public sealed class WelcomeSeriesManualTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    [Fact]
    public async Task A_free_contact_gets_the_nudge_and_manual_enrollment_carries_dynamic_context()
    {
        var (ws, flowId) = await WelcomeSeriesTests.WelcomeFlowAsync(factory);
        using var _ = ws;
        var contact = await ws.Http.PostJsonAsync("/v1/contacts", new { email = "bob@example.com", first_name = "Bob" })
            .ExpectAsync(HttpStatusCode.Created);
        var member = await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/contacts/{contact["contact_id"]}",
            new { dynamic_context = new { coupon_code = "SAVE20" } }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("SAVE20", member["dynamic_context"]!["coupon_code"]!.GetValue<string>());
        Assert.Equal("entered_flow", member.TimelineTypes()[0]);

        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/contacts/{contact["contact_id"]}", null)
            .ExpectProblemAsync(HttpStatusCode.Conflict, "flow_already_in_flow");
        var again = await ws.TriggerAsync(flowId, new { email = "bob@example.com" }, HttpStatusCode.OK);
        Assert.Equal("already_running", again["status"]!.GetValue<string>());
        Assert.Equal(member.Id(), again.Id());

        await ws.AdvanceAsync(TimeSpan.FromDays(3));
        var done = await ws.MemberAsync(flowId, member.Id());
        Assert.Equal("completed", done.Status());
        Assert.Contains(await ws.OutboxAsync("bob@example.com"), m => m!["subject"]!.GetValue<string>() == "Still thinking?");

        var memberships = await ws.Http.GetAsync($"/v1/contacts/{contact["contact_id"]}/memberships")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(member.Id(), Assert.Single(memberships["memberships"]!.AsArray())!.Id());
    }
}
