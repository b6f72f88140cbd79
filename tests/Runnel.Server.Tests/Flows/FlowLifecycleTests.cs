using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Runnel.Core.Flows;
using Runnel.Core.Storage;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Flows;

public sealed class FlowLifecycleTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    private Task<FlowDefinition?> FrozenAsync(string flowId, int version) =>
        factory.Services.GetRequiredService<IRunnelStore>()
            .ReadAsync(s => s.Flows.GetVersionAsync(Guid.Parse(flowId), version));

    [Fact]
    public async Task Activation_freezes_a_new_version_each_time_and_repeats_change_nothing()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var id = await ws.CreateReadyFlowAsync();
        factory.Clock.Advance(TimeSpan.FromHours(1));

        var active = await ws.ActAsync(id, "activate");
        Assert.Equal("active", active.Text("status"));
        Assert.Equal(1, active["version"]!.GetValue<int>());
        Assert.Equal(active.Text("updated_at"), active.Text("activated_at"));
        Assert.NotEqual(active.Text("created_at"), active.Text("activated_at"));

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await ws.ActAsync(id, "activate");
        Assert.Equal(active.ToJsonString(), again.ToJsonString());

        var paused = await ws.ActAsync(id, "pause");
        Assert.Equal("paused", paused.Text("status"));
        Assert.Equal(1, paused["version"]!.GetValue<int>());

        await ws.Http.PatchJsonAsync($"/v1/flows/{id}", new
        {
            steps = new object[]
            {
                new { step_id = "hold", type = "wait", duration_amount = 1, duration_unit = "days", next_step_id = "bye" },
                new { step_id = "bye", type = "drop_from_flow" },
            },
        }).ExpectAsync(HttpStatusCode.OK);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var reactivated = await ws.ActAsync(id, "activate");
        Assert.Equal(2, reactivated["version"]!.GetValue<int>());
        Assert.NotEqual(active.Text("activated_at"), reactivated.Text("activated_at"));

        var first = await FrozenAsync(id, 1);
        var second = await FrozenAsync(id, 2);
        Assert.Equal(["bye"], first!.Steps.Select(s => s.StepId));
        Assert.Equal(["hold", "bye"], second!.Steps.Select(s => s.StepId));
        Assert.Null(await FrozenAsync(id, 3));
    }

    [Fact]
    public async Task Activation_reports_every_missing_piece_at_once()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var empty = await ws.CreateFlowAsync(new { name = "Empty" });
        var noSteps = await ws.ActProblemAsync(empty, "activate", HttpStatusCode.BadRequest, "flow_not_ready");
        Assert.Equal(["steps"], noSteps.Paths());
        Assert.Equal("1 problem", noSteps.Text("detail"));

        var id = await ws.CreateFlowAsync(new
        {
            name = "Broken",
            triggers = new object[]
            {
                new { type = "added_to_static_list", list_id = Guid.CreateVersion7() },
                new { type = "form_submitted", form_id = Guid.CreateVersion7() },
                new { type = "contact_updated", field = "shoe_size" },
                new { type = "date_based", field = "first_name", mode = "on_date" },
            },
            steps = new object[]
            {
                new { step_id = "mail", type = "send_email", next_step_id = "ask" },
                new { step_id = "ask", type = "wait_for_reply", no_match_step_id = "ghost", timeout_step_id = "hook" },
                new { step_id = "hook", type = "send_webhook", endpoint_url = "http://169.254.169.254/latest", auth_type = "jwt", secret_ref = "missing_secret", next_step_id = "split" },
                new { step_id = "split", type = "split", branches = new[] { new { percent = 60, next_step_id = "loop" } } },
                new { step_id = "loop", type = "add_to_list", list_id = Guid.CreateVersion7(), next_step_id = "split" },
                new { step_id = "island", type = "drop_from_flow" },
            },
        });
        var problem = await ws.ActProblemAsync(id, "activate", HttpStatusCode.BadRequest, "flow_not_ready");
        Assert.Equal(
        [
            "triggers[0].list_id", "triggers[1].form_id", "triggers[2].field", "triggers[3].field",
            "steps[1].no_match_step_id", "steps[5]", "steps[3]", "steps[0].email_id", "steps[2].endpoint_url",
            "steps[2].secret_ref", "steps[3].branches", "steps[4].list_id", "steps[1]",
        ], problem.Paths());
        Assert.Equal("13 problems", problem.Text("detail"));
        Assert.Equal("send_email step has no email", problem["missing"]![7]!.Text("message"));

        var still = await ws.Http.GetAsync($"/v1/flows/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("draft", still.Text("status"));
        Assert.Equal(0, still["version"]!.GetValue<int>());
        Assert.Null(await FrozenAsync(id, 1));
    }

    /// <summary>Issue 12: list leaves were not looked up, so another workspace's list (or none) activated.</summary>
    [Fact]
    public async Task List_leaf_naming_a_missing_list_blocks_activation()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync("Other");
        var theirs = (await other.Http.PostJsonAsync("/v1/lists", new { name = "Theirs", type = "static" })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var ours = (await ws.Http.PostJsonAsync("/v1/lists", new { name = "Ours", type = "static" })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        object Leaf(string listId) => new { source = "list", list_id = listId, @operator = "in" };
        var id = await ws.CreateFlowAsync(new
        {
            name = "Lists",
            triggers = new[] { new { type = "api", segment = Leaf(theirs) } },
            disqualification_rules = new { any = new[] { Leaf(ours), Leaf(Guid.CreateVersion7().ToString()) } },
            steps = new object[]
            {
                new { step_id = "check", type = "condition_check", condition = Leaf(theirs), true_step_id = "bye" },
                new { step_id = "bye", type = "drop_from_flow" },
            },
        });

        var problem = await ws.ActProblemAsync(id, "activate", HttpStatusCode.BadRequest, "flow_not_ready");
        Assert.Equal(["triggers[0].segment.list_id", "steps[0].condition.list_id", "disqualification_rules.any[1].list_id"],
            problem.Paths());
    }

    /// <summary>
    /// Issue 12: the URL check read <c>Uri.Host</c> ("127。0。0。1") rather than the IDNA-mapped host that is dialled,
    /// so full-width spellings of private hosts activated and failed only when the webhook was sent.
    /// </summary>
    [Theory]
    [InlineData("http://127\u30020\u30020\u30021/hook")]
    [InlineData("http://LOCALHOST\uFF0E/")]
    [InlineData("http://\uFF11\uFF12\uFF17\uFF61\uFF10\uFF61\uFF10\uFF61\uFF11:8080/")]
    public async Task Fullwidth_private_host_is_refused_at_write(string url)
    {
        using var ws = await factory.NewWorkspaceAsync();
        var id = await ws.CreateFlowAsync(new
        {
            name = "Hook",
            triggers = new[] { new { type = "api" } },
            steps = new[] { new { step_id = "hook", type = "send_webhook", endpoint_url = url } },
        });

        var problem = await ws.ActProblemAsync(id, "activate", HttpStatusCode.BadRequest, "flow_not_ready");
        Assert.Equal(["steps[0].endpoint_url"], problem.Paths());
    }

    [Fact]
    public async Task Send_email_steps_cannot_activate_while_no_email_can_be_found()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var id = await ws.CreateFlowAsync(new
        {
            name = "Mail",
            steps = new[] { new { step_id = "mail", type = "send_email", email_id = Guid.CreateVersion7() } },
        });
        var problem = await ws.ActProblemAsync(id, "activate", HttpStatusCode.BadRequest, "flow_not_ready");
        Assert.Equal("steps[0].email_id", Assert.Single(problem.Paths()));
    }

    [Fact]
    public async Task Every_status_transition_allowed_and_refused()
    {
        using var ws = await factory.NewWorkspaceAsync();

        var draft = await ws.CreateReadyFlowAsync("Draft");
        await ws.ActProblemAsync(draft, "pause", HttpStatusCode.Conflict, "flow_not_active");
        Assert.Equal("archived", (await ws.ActAsync(draft, "archive")).Text("status"));

        var flow = await ws.CreateReadyFlowAsync("Cycle");
        await ws.ActAsync(flow, "activate");
        await ws.ActProblemAsync(flow, "archive", HttpStatusCode.Conflict, "flow_active");
        await ws.Http.DeleteAsync($"/v1/flows/{flow}").ExpectProblemAsync(HttpStatusCode.Conflict, "flow_active");
        await ws.ActAsync(flow, "pause");
        await ws.ActProblemAsync(flow, "pause", HttpStatusCode.Conflict, "flow_not_active");
        Assert.Equal("active", (await ws.ActAsync(flow, "activate")).Text("status"));
        await ws.ActAsync(flow, "pause");
        var archived = await ws.ActAsync(flow, "archive");
        Assert.Equal("archived", archived.Text("status"));
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(archived.ToJsonString(), (await ws.ActAsync(flow, "archive")).ToJsonString());
        await ws.ActProblemAsync(flow, "activate", HttpStatusCode.Conflict, "flow_archived");
        await ws.ActProblemAsync(flow, "pause", HttpStatusCode.Conflict, "flow_not_active");
        await ws.Http.PatchJsonAsync($"/v1/flows/{flow}", new { name = "x" }).ExpectProblemAsync(HttpStatusCode.Conflict, "flow_not_editable");
        await ws.Http.PatchJsonAsync($"/v1/flows/{flow}", "{}").ExpectProblemAsync(HttpStatusCode.Conflict, "flow_not_editable");

        await ws.Http.DeleteAsync($"/v1/flows/{flow}").ExpectAsync(HttpStatusCode.OK);
        var paused = await ws.CreateReadyFlowAsync("Paused");
        await ws.ActAsync(paused, "activate");
        await ws.ActAsync(paused, "pause");
        await ws.Http.DeleteAsync($"/v1/flows/{paused}").ExpectAsync(HttpStatusCode.OK);
        await ws.Http.DeleteAsync($"/v1/flows/{draft}").ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Action_bodies_are_optional_but_strict()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var id = await ws.CreateReadyFlowAsync();
        await ws.Http.PostJsonAsync($"/v1/flows/{id}/activate", "{}").ExpectAsync(HttpStatusCode.OK);
        await ws.Http.PostJsonAsync($"/v1/flows/{id}/pause", """{"force":true}""").ExpectValidationAsync("force");
        await ws.Http.PostJsonAsync($"/v1/flows/{id}/pause", "{").ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
    }

    [Fact]
    public async Task An_active_flow_takes_name_settings_and_rules_but_not_structure()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var id = await ws.CreateReadyFlowAsync();
        await ws.ActAsync(id, "activate");
        var path = $"/v1/flows/{id}";

        var edited = await ws.Http.PatchJsonAsync(path, """
            {"name":"Live","description":"Edited while live","settings":{"exit_on_unsubscribe":false},
             "disqualification_rules":{"source":"contact","field":"plan","operator":"eq","value":"churned"}}
            """).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Live", edited.Text("name"));
        Assert.False(edited["settings"]!["exit_on_unsubscribe"]!.GetValue<bool>());
        Assert.Equal("active", edited.Text("status"));
        Assert.Equal(1, edited["version"]!.GetValue<int>());

        foreach (var body in new[]
                 {
                     """{"triggers":[]}""", """{"steps":[]}""", """{"entry_step_id":"bye"}""",
                     """{"reentry_policy":{"mode":"after_exit"}}""", """{"name":"x","triggers":[{"type":"api"}]}""",
                 })
        {
            await ws.Http.PatchJsonAsync(path, body).ExpectProblemAsync(HttpStatusCode.Conflict, "flow_not_editable");
        }

        var after = await ws.Http.GetAsync(path).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Live", after.Text("name"));
        Assert.Single(after["triggers"]!.AsArray());
    }

    [Fact]
    public async Task A_secret_signing_an_active_flows_webhook_cannot_be_deleted()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.PostJsonAsync("/v1/secrets", new { name = "crm_key", value = "k" }).ExpectAsync(HttpStatusCode.Created);
        await ws.Http.PostJsonAsync("/v1/secrets", new { name = "other_key", value = "k" }).ExpectAsync(HttpStatusCode.Created);
        var id = await ws.CreateFlowAsync(new
        {
            name = "Webhook",
            triggers = new[] { new { type = "api" } },
            steps = new[]
            {
                new { step_id = "hook", type = "send_webhook", endpoint_url = "https://crm.example.com/runnel", auth_type = "jwt", secret_ref = "crm_key" },
            },
        });
        await ws.ActAsync(id, "activate");

        var problem = await ws.Http.DeleteAsync("/v1/secrets/crm_key").ExpectProblemAsync(HttpStatusCode.Conflict, "secret_in_use");
        Assert.Contains("crm_key", problem.Text("detail"), StringComparison.Ordinal);
        await ws.Http.DeleteAsync("/v1/secrets/other_key").ExpectAsync(HttpStatusCode.NoContent);

        using var other = await factory.NewWorkspaceAsync();
        await other.Http.PostJsonAsync("/v1/secrets", new { name = "crm_key", value = "k" }).ExpectAsync(HttpStatusCode.Created);
        await other.Http.DeleteAsync("/v1/secrets/crm_key").ExpectAsync(HttpStatusCode.NoContent);

        await ws.ActAsync(id, "pause");
        await ws.Http.DeleteAsync("/v1/secrets/crm_key").ExpectAsync(HttpStatusCode.NoContent);
        var notReady = await ws.ActProblemAsync(id, "activate", HttpStatusCode.BadRequest, "flow_not_ready");
        Assert.Equal(["steps[0].secret_ref"], notReady.Paths());
    }

    [Fact]
    public async Task Active_flow_list_and_secret_usage_is_visible_to_other_features()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var listId = Guid.Parse((await ws.Http.PostJsonAsync("/v1/lists", new { name = "Used", type = "static" })
            .ExpectAsync(HttpStatusCode.Created)).Id());
        var id = await ws.CreateFlowAsync(new
        {
            name = "Uses a list",
            triggers = new[] { new { type = "api" } },
            steps = new[] { new { step_id = "bye", type = "drop_from_flow" } },
            disqualification_rules = new { any = new[] { new { source = "list", list_id = listId, @operator = "in" } } },
        });
        var store = factory.Services.GetRequiredService<IRunnelStore>();
        Assert.False(await store.ReadAsync(s => s.Flows.ActiveFlowUsesListAsync(ws.WorkspaceId, listId)));
        await ws.ActAsync(id, "activate");
        Assert.True(await store.ReadAsync(s => s.Flows.ActiveFlowUsesListAsync(ws.WorkspaceId, listId)));
        Assert.False(await store.ReadAsync(s =>
            s.Flows.ActiveFlowUsesListAsync(ws.WorkspaceId, Guid.CreateVersion7())));
        Assert.False(await store.ReadAsync(s => s.Flows.ActiveFlowUsesListAsync(Guid.CreateVersion7(), listId)));
        await ws.ActAsync(id, "pause");
        Assert.False(await store.ReadAsync(s => s.Flows.ActiveFlowUsesListAsync(ws.WorkspaceId, listId)));
    }
}
