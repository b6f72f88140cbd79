using System.Net;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Flows;

/// <summary>Whole journeys authored the way a builder UI would: create, add steps one by one, wire edges, activate.</summary>
public sealed class FlowScenarioTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    [Fact]
    public async Task A_welcome_series_is_authored_step_by_step_and_activated()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await Sms.SmsScenario.SetSenderAsync(ws);
        var id = await ws.CreateFlowAsync(new
        {
            name = "Welcome series",
            description = "Greets new sign-ups and nudges the quiet ones",
            triggers = new object[] { new { type = "api" }, new { type = "contact_created" } },
            reentry_policy = new { mode = "no_reentry" },
        });
        var steps = $"/v1/flows/{id}/steps";

        await ws.Http.PostJsonAsync(steps, new
        {
            step = new { step_id = "tag", type = "update_contact", updates = new[] { new { field = "last_name", value = "{{contact.last_name}}", write_mode = "skip_if_filled" } } },
        }).ExpectAsync(HttpStatusCode.Created);
        await ws.Http.PostJsonAsync(steps, new
        {
            step = new { step_id = "hello", type = "send_sms", body = "Welcome aboard, {{contact.first_name}}!" },
        }).ExpectAsync(HttpStatusCode.Created);
        await ws.Http.PostJsonAsync(steps, new
        {
            step = new { step_id = "pause", type = "wait", duration_amount = 2, duration_unit = "days", at_time = "09:00", at_timezone = "contact" },
        }).ExpectAsync(HttpStatusCode.Created);
        await ws.Http.PostJsonAsync(steps, new
        {
            step = new
            {
                step_id = "check", type = "condition_check",
                condition = new { source = "event", name = "app_opened", @operator = "performed", within_days = 2 },
                true_step_id = "crm", false_step_id = "nudge",
            },
        }).ExpectAsync(HttpStatusCode.Created);
        await ws.Http.PostJsonAsync(steps, new
        {
            step = new { step_id = "nudge", type = "send_sms", body = "Need a hand getting started? Reply HELP." },
        }).ExpectAsync(HttpStatusCode.Created);
        await ws.Http.PostJsonAsync(steps, new
        {
            step = new { step_id = "crm", type = "send_webhook", endpoint_url = "https://crm.example.com/hooks/activated", method = "post", custom_fields = new { stage = "activated" } },
            before_step_id = "nudge",
        }).ExpectAsync(HttpStatusCode.Created);

        var draft = await ws.ActProblemAsync(id, "activate", HttpStatusCode.BadRequest, "flow_not_ready");
        Assert.Equal(["steps[1]", "steps[2]", "steps[3]", "steps[4]", "steps[5]"], draft.Paths());

        await ws.Http.PatchJsonAsync($"{steps}/tag", new { step = new { next_step_id = "hello" } }).ExpectAsync(HttpStatusCode.OK);
        await ws.Http.PatchJsonAsync($"{steps}/hello", new { step = new { next_step_id = "pause" } }).ExpectAsync(HttpStatusCode.OK);
        await ws.Http.PatchJsonAsync($"{steps}/pause", new { step = new { next_step_id = "check" } }).ExpectAsync(HttpStatusCode.OK);
        var wired = await ws.Http.PatchJsonAsync($"{steps}/nudge", new { step = new { label = "Nudge" } }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["tag", "hello", "pause", "check", "crm", "nudge"], wired.StepIds());
        var active = await ws.ActAsync(id, "activate");
        Assert.Equal("active", active.Text("status"));
        Assert.Equal(1, active["version"]!.GetValue<int>());
        Assert.Null(active["entry_step_id"]);
        Assert.Equal("crm", active["steps"]![3]!.Text("true_step_id"));

        var listed = await ws.Http.GetAsync("/v1/flows?status=active").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(listed["flows"]!.AsArray())!.Id());
    }

    [Fact]
    public async Task An_abandoned_cart_conversation_needs_the_workspace_sender_but_no_session_ttl_to_activate()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var id = await ws.CreateFlowAsync(new
        {
            name = "Abandoned cart",
            triggers = new[] { new { type = "api" } },
            reentry_policy = new { mode = "after_cooldown", cooldown_minutes = 1440 },
        });
        var steps = $"/v1/flows/{id}/steps";

        await ws.Http.PostJsonAsync(steps, new
        {
            step = new { step_id = "offer", type = "send_sms", body = "Your cart {{context.cart_id}} is waiting. Reply YES for 10% off.", next_step_id = "reply" },
        }).ExpectAsync(HttpStatusCode.Created);
        await ws.Http.PostJsonAsync(steps, new
        {
            step = new
            {
                step_id = "reply", type = "wait_for_reply", timeout_minutes = 60,
                branches = new object[]
                {
                    new { match = new { type = "keyword", values = new[] { "yes", "y", "ok" } }, next_step_id = "coupon" },
                    new { match = new { type = "regex", values = new[] { "^(no|stop)\\b" } }, next_step_id = "bye" },
                },
                no_match_step_id = "clarify", timeout_step_id = "bye",
            },
        }).ExpectAsync(HttpStatusCode.Created);
        await ws.Http.PostJsonAsync(steps, new
        {
            step = new { step_id = "clarify", type = "send_sms", body = "Sorry, just reply YES or NO.", next_step_id = "reply" },
        }).ExpectAsync(HttpStatusCode.Created);
        await ws.Http.PostJsonAsync(steps, new
        {
            step = new { step_id = "coupon", type = "send_sms", body = "Here you go: SAVE10 — {{context.cart_url}}", next_step_id = "record" },
        }).ExpectAsync(HttpStatusCode.Created);
        await ws.Http.PostJsonAsync(steps, new
        {
            step = new { step_id = "record", type = "update_contact", field = "last_name", value = "{{contact.last_name}}" },
        }).ExpectAsync(HttpStatusCode.Created);
        await ws.Http.PostJsonAsync(steps, new { step = new { step_id = "bye", type = "drop_from_flow" } })
            .ExpectAsync(HttpStatusCode.Created);

        var problem = await ws.ActProblemAsync(id, "activate", HttpStatusCode.BadRequest, "flow_not_ready");
        Assert.Equal(["steps[0]", "steps[1]", "steps[2]", "steps[3]"], problem.Paths());
        Assert.Contains("settings.sms_from", problem["missing"]![0]!.Text("message"), StringComparison.Ordinal);
        await Sms.SmsScenario.SetSenderAsync(ws);
        var ready = await ws.Http.PostJsonAsync($"/v1/flows/{id}/validate", null).ExpectAsync(HttpStatusCode.OK);
        Assert.True(ready["ready"]!.GetValue<bool>());

        await ws.Http.PatchJsonAsync($"/v1/flows/{id}", new { settings = new { session_ttl_minutes = 30 } }).ExpectAsync(HttpStatusCode.OK);
        var active = await ws.ActAsync(id, "activate");
        Assert.Equal("active", active.Text("status"));
        Assert.Equal(30, active["settings"]!["session_ttl_minutes"]!.GetValue<int>());
        Assert.Equal(["offer", "reply", "clarify", "coupon", "record", "bye"], active.StepIds());
        Assert.Equal("keyword", active["steps"]![1]!["branches"]![0]!["match"]!.Text("type"));
    }
}
