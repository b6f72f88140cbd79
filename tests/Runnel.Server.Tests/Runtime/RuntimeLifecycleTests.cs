using System.Net;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Runtime;

/// <summary>Wait modes, exit reasons and lifecycle rules of API.md §8.7, through HTTP with the dev clock.</summary>
public sealed class RuntimeLifecycleTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    private const string WaitThenDrop = """
        {"triggers":[{"type":"api"}],
         "steps":[{"step_id":"w","type":"wait","duration_amount":1,"duration_unit":"hours","next_step_id":"u"},
                  {"step_id":"u","type":"update_contact","field":"last_name","value":"{{context.name}}","next_step_id":"d"},
                  {"step_id":"d","type":"drop_from_flow"}]}
        """;

    private static async Task<string> StartAsync(WorkspaceClient ws, string flowId, string email, object? context = null)
    {
        var started = await ws.TriggerAsync(flowId, new { email, context });
        await ws.AdvanceAsync(TimeSpan.Zero);
        return started.Id();
    }

    [Fact]
    public async Task Duration_wait_then_update_then_drop_by_step()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await ws.ActiveFlowAsync(WaitThenDrop);
        var memberId = await StartAsync(ws, flowId, "a@example.com", new { name = "Byron" });
        Assert.Equal("waiting", (await ws.MemberAsync(flowId, memberId)).Status());

        await ws.AdvanceAsync(TimeSpan.FromMinutes(59));
        Assert.Equal("waiting", (await ws.MemberAsync(flowId, memberId)).Status());
        await ws.AdvanceAsync(TimeSpan.FromMinutes(1));
        var done = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("dropped", done.Status());
        Assert.Equal("dropped_by_step", done["exit_reason"]!.GetValue<string>());
        Assert.Contains("contact_updated", done.TimelineTypes());
        var contacts = await ws.Http.GetAsync("/v1/contacts?email=a@example.com").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Byron", contacts["contacts"]![0]!["last_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Until_date_field_waits_for_the_contacts_date()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.PostJsonAsync("/v1/custom-fields", new { api_name = "renews_on", label = "Renews", type = "date" })
            .ExpectAsync(HttpStatusCode.Created);
        var today = (await ws.AdvanceAsync(TimeSpan.Zero)).Time("now").UtcDateTime.Date;
        var renewsOn = today.AddDays(8);
        await ws.Http.PostJsonAsync("/v1/contacts",
                new { email = "d@example.com", fields = new { renews_on = renewsOn.ToString("yyyy-MM-dd") } })
            .ExpectAsync(HttpStatusCode.Created);
        var flowId = await ws.ActiveFlowAsync("""
            {"triggers":[{"type":"api"}],
             "steps":[{"step_id":"w","type":"wait","until_date_field":"renews_on","offset_days":-2,"next_step_id":"d"},
                      {"step_id":"d","type":"drop_from_flow"}]}
            """);
        var memberId = await StartAsync(ws, flowId, "d@example.com");
        var waiting = await ws.MemberAsync(flowId, memberId);
        Assert.Equal(new DateTimeOffset(renewsOn.AddDays(-2), TimeSpan.Zero), waiting.Time("wake_at"));
        await ws.AdvanceAsync(TimeSpan.FromDays(7));
        Assert.Equal("dropped", (await ws.MemberAsync(flowId, memberId)).Status());
    }

    [Fact]
    public async Task Condition_wait_wakes_on_a_contact_change_an_event_or_times_out()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.PostJsonAsync("/v1/custom-fields", new { api_name = "plan", label = "Plan", type = "text" })
            .ExpectAsync(HttpStatusCode.Created);
        var flowId = await ws.ActiveFlowAsync("""
            {"triggers":[{"type":"api"}],
             "steps":[{"step_id":"w","type":"wait",
                       "condition":{"any":[{"source":"contact","field":"plan","operator":"eq","value":"pro"},
                                           {"source":"event","name":"order_placed","operator":"performed"}]},
                       "timeout_minutes":120,"timeout_step_id":"late","next_step_id":"met"},
                      {"step_id":"met","type":"drop_from_flow"},
                      {"step_id":"late","type":"update_contact","field":"plan","value":"lapsed"}]}
            """);
        var byChange = await StartAsync(ws, flowId, "change@example.com");
        var byEvent = await StartAsync(ws, flowId, "event@example.com");
        var byTimeout = await StartAsync(ws, flowId, "timeout@example.com");
        Assert.Equal("waiting", (await ws.MemberAsync(flowId, byChange)).Status());

        await ws.Http.PostJsonAsync("/v1/contacts", new { email = "change@example.com", fields = new { plan = "pro" } })
            .ExpectAsync(HttpStatusCode.OK);
        await ws.Http.PostJsonAsync("/v1/events", new { name = "order_placed", email = "event@example.com" })
            .ExpectAsync(HttpStatusCode.Accepted);
        await ws.AdvanceAsync(TimeSpan.Zero);
        Assert.Equal("dropped_by_step", (await ws.MemberAsync(flowId, byChange))["exit_reason"]!.GetValue<string>());
        Assert.Equal("dropped_by_step", (await ws.MemberAsync(flowId, byEvent))["exit_reason"]!.GetValue<string>());
        Assert.Equal("waiting", (await ws.MemberAsync(flowId, byTimeout)).Status());

        await ws.AdvanceAsync(TimeSpan.FromMinutes(120));
        var late = await ws.MemberAsync(flowId, byTimeout);
        Assert.Equal("completed", late.Status());
        Assert.Contains(late["timeline"]!.AsArray(), t => t!["type"]!.GetValue<string>() == "branch_taken"
            && t["data"]!["branch"]!.GetValue<string>() == "timeout");
    }

    [Fact]
    public async Task Pausing_holds_members_and_reactivation_releases_expired_waits_at_once()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await ws.ActiveFlowAsync(WaitThenDrop);
        var memberId = await StartAsync(ws, flowId, "p@example.com");
        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/pause", null).ExpectAsync(HttpStatusCode.OK);
        await ws.TriggerAsync(flowId, new { email = "late@example.com" }, HttpStatusCode.NotFound);

        await ws.AdvanceAsync(TimeSpan.FromHours(3));
        var held = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("waiting", held.Status());

        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/activate", null).ExpectAsync(HttpStatusCode.OK);
        await ws.AdvanceAsync(TimeSpan.Zero);
        var released = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("dropped", released.Status());
        Assert.Equal(2, released["flow_version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Edit_and_reactivate_moves_members_and_drops_those_whose_step_is_gone()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await ws.ActiveFlowAsync("""
            {"triggers":[{"type":"api"}],
             "steps":[{"step_id":"first","type":"wait","duration_amount":1,"duration_unit":"hours","next_step_id":"second"},
                      {"step_id":"second","type":"wait","duration_amount":1,"duration_unit":"days","next_step_id":"end"},
                      {"step_id":"end","type":"drop_from_flow"}]}
            """);
        var early = await StartAsync(ws, flowId, "early@example.com");
        await ws.AdvanceAsync(TimeSpan.FromMinutes(90));
        var onSecond = (await ws.MemberAsync(flowId, early))["current_step_id"]!.GetValue<string>();
        Assert.Equal("second", onSecond);
        var late = await StartAsync(ws, flowId, "late@example.com");

        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/pause", null).ExpectAsync(HttpStatusCode.OK);
        await ws.Http.PutJsonAsync($"/v1/flows/{flowId}/steps", new
        {
            steps = new object[]
            {
                new { step_id = "second", type = "wait", duration_amount = 1, duration_unit = "days", next_step_id = "end" },
                new { step_id = "end", type = "drop_from_flow" },
            },
        }).ExpectAsync(HttpStatusCode.OK);
        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/activate", null).ExpectAsync(HttpStatusCode.OK);

        var removed = await ws.MemberAsync(flowId, late);
        Assert.Equal("dropped", removed.Status());
        Assert.Equal("step_removed", removed["exit_reason"]!.GetValue<string>());
        var moved = await ws.MemberAsync(flowId, early);
        Assert.Equal("waiting", moved.Status());
        Assert.Equal(2, moved["flow_version"]!.GetValue<int>());
        await ws.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Equal("dropped_by_step", (await ws.MemberAsync(flowId, early))["exit_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Archive_remove_delete_contact_and_unsubscribe_each_end_memberships_with_their_reason()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await ws.ActiveFlowAsync(WaitThenDrop);
        var removed = await StartAsync(ws, flowId, "removed@example.com");
        var deleted = await StartAsync(ws, flowId, "deleted@example.com");
        var unsubscribed = await StartAsync(ws, flowId, "unsub@example.com");
        var archived = await StartAsync(ws, flowId, "archived@example.com");

        var afterRemove = await ws.Http.DeleteAsync($"/v1/flows/{flowId}/members/{removed}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("removed", afterRemove["exit_reason"]!.GetValue<string>());
        Assert.Equal("dropped", afterRemove.Status());

        var deletedMember = await ws.MemberAsync(flowId, deleted);
        await ws.Http.DeleteAsync($"/v1/contacts/{deletedMember["contact_id"]}").ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal("contact_deleted", (await ws.MemberAsync(flowId, deleted))["exit_reason"]!.GetValue<string>());

        await ws.Http.PostJsonAsync("/v1/contacts", new { email = "unsub@example.com", email_subscription_status = "unsubscribed" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("unsubscribed", (await ws.MemberAsync(flowId, unsubscribed))["exit_reason"]!.GetValue<string>());

        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/pause", null).ExpectAsync(HttpStatusCode.OK);
        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/archive", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("flow_archived", (await ws.MemberAsync(flowId, archived))["exit_reason"]!.GetValue<string>());

        var stats = await ws.StatsAsync(flowId);
        Assert.Equal(4, stats["total_entered"]!.GetValue<int>());
        Assert.Equal(4, stats["dropped_count"]!.GetValue<int>());
        var dropped = await ws.Http.GetAsync($"/v1/flows/{flowId}/members?status=dropped").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(4, dropped["pagination"]!["total"]!.GetValue<int>());
        Assert.Null(dropped["members"]![0]!["timeline"]);
        await ws.Http.GetAsync($"/v1/flows/{flowId}/members?status=sleeping").ExpectValidationAsync("status");
    }

    [Fact]
    public async Task Disqualification_applies_at_entry_on_contact_change_and_when_the_rules_change()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.PostJsonAsync("/v1/custom-fields", new { api_name = "plan", label = "Plan", type = "text" })
            .ExpectAsync(HttpStatusCode.Created);
        var flowId = await ws.ActiveFlowAsync("""
            {"triggers":[{"type":"api"}],
             "disqualification_rules":{"source":"contact","field":"plan","operator":"eq","value":"churned"},
             "steps":[{"step_id":"w","type":"wait","duration_amount":1,"duration_unit":"days"}]}
            """);
        await ws.Http.PostJsonAsync("/v1/contacts", new { email = "gone@example.com", fields = new { plan = "churned" } })
            .ExpectAsync(HttpStatusCode.Created);
        var skipped = await ws.TriggerAsync(flowId, new { email = "gone@example.com" }, HttpStatusCode.OK);
        Assert.Equal("skipped", skipped["status"]!.GetValue<string>());
        Assert.Equal("disqualified", skipped["reason"]!.GetValue<string>());
        var gone = await ws.Http.GetAsync("/v1/contacts?email=gone@example.com").ExpectAsync(HttpStatusCode.OK);
        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/contacts/{gone["contacts"]![0]!.Id()}", null)
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "flow_contact_disqualified");

        var changing = await StartAsync(ws, flowId, "change@example.com");
        await ws.Http.PostJsonAsync("/v1/contacts", new { email = "change@example.com", fields = new { plan = "churned" } })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("disqualified", (await ws.MemberAsync(flowId, changing))["exit_reason"]!.GetValue<string>());

        var staying = await StartAsync(ws, flowId, "vip@example.com");
        await ws.Http.PatchJsonAsync($"/v1/flows/{flowId}", new
        {
            disqualification_rules = new { source = "contact", field = "email", @operator = "ends_with", value = "@example.com" },
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("disqualified", (await ws.MemberAsync(flowId, staying))["exit_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Session_ttl_expires_idle_memberships()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await ws.ActiveFlowAsync("""
            {"triggers":[{"type":"api"}],"settings":{"session_ttl_minutes":30},
             "steps":[{"step_id":"w","type":"wait","duration_amount":2,"duration_unit":"hours","next_step_id":"d"},
                      {"step_id":"d","type":"drop_from_flow"}]}
            """);
        var memberId = await StartAsync(ws, flowId, "s@example.com");
        var member = await ws.MemberAsync(flowId, memberId);
        Assert.Equal(member.Time("entered_at").AddMinutes(30), member.Time("wake_at"));
        await ws.AdvanceAsync(TimeSpan.FromMinutes(30));
        Assert.Equal("session_expired", (await ws.MemberAsync(flowId, memberId))["exit_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sms_steps_without_a_sender_number_are_refused_at_activation_instead_of_failing_every_member()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var created = await ws.Http.PostJsonAsync("/v1/flows", """
            {"name":"SMS","triggers":[{"type":"api"}],"steps":[{"step_id":"sms","type":"send_sms","body":"Hi"}]}
            """).ExpectAsync(HttpStatusCode.Created);
        var flowId = created.Id();

        var validated = await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/validate", null).ExpectAsync(HttpStatusCode.OK);
        Assert.False(validated["ready"]!.GetValue<bool>());
        var missing = Assert.Single(validated["missing"]!.AsArray())!;
        Assert.StartsWith("steps[0]", missing["path"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("sms_from", missing["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var problem = await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/activate", null)
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "flow_not_ready");
        Assert.Equal(missing["path"]!.GetValue<string>(), problem["missing"]![0]!["path"]!.GetValue<string>());
        var flow = await ws.Http.GetAsync($"/v1/flows/{flowId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("draft", flow["status"]!.GetValue<string>());
    }
}
