using System.Net;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Runtime;

/// <summary>
/// The seed's welcome series end to end: email → wait 2 days at 09:00 contact time → condition on the contact →
/// one of two emails, with merge tokens from contact, context and campaign.dynamic.
/// </summary>
public sealed class WelcomeSeriesTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    // Each test class has its own server and clock; this one's only test asserts absolute times from the start.

    internal static async Task<(WorkspaceClient Ws, string FlowId)> WelcomeFlowAsync(RunnelFactory factory)
    {
        var ws = await factory.NewWorkspaceAsync();
        await ws.Http.PostJsonAsync("/v1/custom-fields", new { api_name = "plan", label = "Plan", type = "text" })
            .ExpectAsync(HttpStatusCode.Created);
        var hello = await ws.ApprovedEmailAsync("Welcome {{contact.first_name}}",
            "<p>Your cart {{context.cart_id}}</p>", "Cart {{context.cart_id}}");
        var pro = await ws.ApprovedEmailAsync("Thanks for going pro", "<p>Pro tips</p>");
        var nudge = await ws.ApprovedEmailAsync("Still thinking?", "<p>Try pro</p>");
        var flowId = await ws.ActiveFlowAsync($$"""
            {"triggers":[{"type":"api"}],
             "steps":[
               {"step_id":"hello","type":"send_email","email_id":"{{hello}}","next_step_id":"pause"},
               {"step_id":"pause","type":"wait","duration_amount":2,"duration_unit":"days","at_time":"09:00",
                "at_timezone":"contact","next_step_id":"check"},
               {"step_id":"check","type":"condition_check",
                "condition":{"source":"contact","field":"plan","operator":"eq","value":"pro"},
                "true_step_id":"thanks","false_step_id":"nudge"},
               {"step_id":"thanks","type":"send_email","email_id":"{{pro}}"},
               {"step_id":"nudge","type":"send_email","email_id":"{{nudge}}"}]}
            """, "Welcome series");
        return (ws, flowId);
    }

    [Fact]
    public async Task A_member_walks_the_series_and_gets_the_right_emails_at_the_right_time()
    {
        var (ws, flowId) = await WelcomeFlowAsync(factory);
        using var _ = ws;
        // The clock starts at 2026-11-22T09:00Z; in Tokyo (UTC+9) that is 18:00.
        var started = await ws.TriggerAsync(flowId, new
        {
            email = "Ada@Example.com", contact = new { first_name = "Ada", timezone = "Asia/Tokyo" },
            context = new { cart_id = "987" },
        });
        Assert.Equal("started", started["status"]!.GetValue<string>());
        Assert.Equal("Welcome series", started["flow_name"]!.GetValue<string>());
        var memberId = started.Id();

        await ws.AdvanceAsync(TimeSpan.Zero);
        var waiting = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("waiting", waiting.Status());
        Assert.Equal("pause", waiting["current_step_id"]!.GetValue<string>());
        // Two days later is 18:00 Tokyo on the 24th; the next 09:00 Tokyo is the 25th at 00:00Z.
        Assert.Equal("2026-11-25T00:00:00Z", waiting["wake_at"]!.GetValue<string>());
        var first = Assert.Single(await ws.OutboxAsync("ada@example.com"));
        Assert.Equal("Welcome Ada", first!["subject"]!.GetValue<string>());
        Assert.Contains("Your cart 987", first["html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Cart 987", first["text"]!.GetValue<string>());

        var stats = await ws.StatsAsync(flowId);
        Assert.Equal(1, stats["total_entered"]!.GetValue<int>());
        Assert.Equal(1, stats["waiting_count"]!.GetValue<int>());

        await ws.AdvanceAsync(TimeSpan.FromHours(62));
        Assert.Single(await ws.OutboxAsync("ada@example.com"));
        await ws.Http.PostJsonAsync("/v1/contacts", new { email = "ada@example.com", fields = new { plan = "pro" } })
            .ExpectAsync(HttpStatusCode.OK);
        await ws.AdvanceAsync(TimeSpan.FromHours(1));

        var done = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("completed", done.Status());
        Assert.Equal("completed", done["exit_reason"]!.GetValue<string>());
        Assert.Null(done["wake_at"]);
        Assert.Equal(
            ["entered_flow", "step_executed", "email_sent", "step_executed", "waiting", "step_executed",
             "branch_taken", "step_executed", "email_sent", "completed"],
            done.TimelineTypes());
        var messages = await ws.OutboxAsync("ada@example.com");
        Assert.Equal(["Thanks for going pro", "Welcome Ada"], messages.Select(m => m!["subject"]!.GetValue<string>()));

        stats = await ws.StatsAsync(flowId);
        Assert.Equal(1, stats["completed_count"]!.GetValue<int>());
        Assert.Equal(0, stats["waiting_count"]!.GetValue<int>());
        Assert.Equal("2026-11-22T09:00:00Z", stats["most_recent_entry_at"]!.GetValue<string>());
    }
}
