using System.Net;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Flows;

public sealed class FlowsApiTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    [Fact]
    public async Task A_new_flow_is_a_draft_with_the_contract_defaults_and_every_member()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flow = await ws.Http.PostJsonAsync("/v1/flows", new { name = "Welcome series" })
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(
        [
            "id", "name", "description", "status", "reentry_policy", "triggers", "entry_step_id", "steps",
            "disqualification_rules", "ui", "settings", "version", "created_at", "updated_at", "activated_at", "stats",
        ], flow.AsObject().Select(m => m.Key));
        Assert.Equal("draft", flow.Text("status"));
        Assert.Equal("", flow.Text("description"));
        Assert.Equal("""{"mode":"no_reentry"}""", flow["reentry_policy"]!.ToJsonString());
        Assert.Empty(flow["triggers"]!.AsArray());
        Assert.Empty(flow["steps"]!.AsArray());
        Assert.Null(flow["entry_step_id"]);
        Assert.Null(flow["disqualification_rules"]);
        Assert.Equal(
            """{"session_ttl_minutes":null,"allow_public_trigger":false,"timezone":"UTC","exit_on_unsubscribe":true,"quiet_hours":null}""",
            flow["settings"]!.ToJsonString());
        Assert.Equal(0, flow["version"]!.GetValue<int>());
        Assert.Equal(flow.Text("created_at"), flow.Text("updated_at"));
        Assert.Matches("^2026-11-22T[0-9:]{8}Z$", flow.Text("created_at"));
        Assert.Null(flow["activated_at"]);
        Assert.Equal(
            """{"total_entered":0,"active_count":0,"waiting_count":0,"completed_count":0,"dropped_count":0,"failed_count":0,"most_recent_entry_at":null}""",
            flow["stats"]!.ToJsonString());
        Assert.True(Guid.TryParse(flow.Id(), out var id) && id.Version == 7);

        var fetched = await ws.Http.GetAsync($"/v1/flows/{flow.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(flow.ToJsonString(), fetched.ToJsonString());
    }

    [Fact]
    public async Task A_flow_is_created_whole_and_reads_back_as_sent()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var body = JsonNode.Parse("""
            {"name":"Trial nurture","description":"Nudges trials to convert",
             "reentry_policy":{"mode":"after_cooldown","cooldown_minutes":1440},
             "triggers":[{"type":"api"},{"type":"event","name":"trial_started","where":[{"property":"plan","operator":"eq","value":"pro"}]}],
             "entry_step_id":"hello",
             "steps":[{"step_id":"hello","type":"send_sms","body":"Hi {{contact.first_name}}","next_step_id":"pause"},
                      {"step_id":"pause","type":"wait","duration_amount":2,"duration_unit":"days","at_time":"09:00","at_timezone":"contact","next_step_id":"check"},
                      {"step_id":"check","type":"condition_check","condition":{"source":"contact","field":"plan","operator":"eq","value":"pro"},
                       "true_step_id":"bye","false_step_id":"bye"},
                      {"step_id":"bye","type":"drop_from_flow","label":"Done"}],
             "disqualification_rules":{"source":"contact","field":"email","operator":"ends_with","value":"@competitor.com"},
             "settings":{"session_ttl_minutes":120,"timezone":"Europe/London","quiet_hours":{"start":"21:00","end":"08:00"}}}
            """)!;
        var flow = await ws.Http.PostJsonAsync("/v1/flows", body.ToJsonString()).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("Nudges trials to convert", flow.Text("description"));
        Assert.Equal(1440, flow["reentry_policy"]!["cooldown_minutes"]!.GetValue<int>());
        Assert.Equal("hello", flow.Text("entry_step_id"));
        Assert.Equal(["hello", "pause", "check", "bye"], flow.StepIds());
        Assert.Equal("""{"step_id":"pause","type":"wait","duration_amount":2,"duration_unit":"days","at_time":"09:00","at_timezone":"contact","next_step_id":"check"}""",
            Canonical(flow["steps"]![1]!));
        Assert.Equal(body["triggers"]!.ToJsonString(), flow["triggers"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(body["disqualification_rules"], flow["disqualification_rules"]));
        Assert.Equal("Europe/London", flow["settings"]!.Text("timezone"));
        Assert.True(flow["settings"]!["exit_on_unsubscribe"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Create_reports_every_format_problem_at_its_path()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var problem = await ws.Http.PostJsonAsync("/v1/flows", """
            {"name":"","description":"DESC",
             "triggers":[{"type":"date_based","field":"created_at","mode":"on_date","trigger_time":"09:15","timezone":"Mars/Base"}],
             "steps":[{"step_id":"bad id","type":"wait","duration_amount":0,"duration_unit":"fortnights"},
                      {"step_id":"hook","type":"send_webhook","method":"patch","auth_type":"jwt"}],
             "reentry_policy":{"mode":"after_cooldown"},
             "settings":{"session_ttl_minutes":0,"quiet_hours":{"start":"21:00","end":"25:00"}}}
            """.Replace("DESC", new string('d', 2001), StringComparison.Ordinal))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(
        [
            "name", "description", "triggers[0].trigger_time", "triggers[0].timezone", "steps[0].step_id",
            "steps[0].duration_unit", "steps[0].duration_amount", "steps[1].method", "steps[1].auth_type",
            "reentry_policy.cooldown_minutes", "settings.session_ttl_minutes", "settings.quiet_hours.end",
        ], problem.Paths("errors"));
    }

    [Theory]
    [InlineData("""{"name":"x","steps":[{"step_id":"a","type":"wait","duration_amount":"x"}]}""", "steps[0].duration_amount", "must be a whole number")]
    [InlineData("""{"name":"x","steps":[{"step_id":"a","type":"teleport"}]}""", "steps[0].type", "unknown type 'teleport'")]
    [InlineData("""{"name":"x","steps":[{"step_id":"a"}]}""", "steps[0].type", "is required")]
    [InlineData("""{"name":"x","steps":[{"step_id":"a","type":"wait","colour":"red"}]}""", "steps[0].colour", "unknown field for type 'wait'")]
    [InlineData("""{"name":"x","triggers":[{"type":"api"},{"type":"added_to_static_list","list_id":"nope"}]}""", "triggers[1].list_id", "must be a UUID")]
    [InlineData("""{"name":"x","steps":[{"step_id":"c","type":"condition_check","condition":{"source":"weather"}}]}""", "steps[0].condition", "'source' must be")]
    [InlineData("""{"name":"x","status":"active"}""", "status", "unknown field")]
    [InlineData("""{"name":"x","steps":{}}""", "steps", "must be an array")]
    [InlineData("""{"name":["x"]}""", "name", "must be a string")]
    public async Task Wrong_json_types_name_the_member_and_say_what_is_expected(string body, string path, string message)
    {
        using var ws = await factory.NewWorkspaceAsync();
        var problem = await ws.Http.PostJsonAsync("/v1/flows", body).ExpectValidationAsync(path);
        var error = problem["errors"]!.AsArray().Single(e => e!.Text("path") == path)!;
        Assert.StartsWith(message, error.Text("message"), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_step_ids_on_create_are_409_naming_the_id()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var problem = await ws.Http.PostJsonAsync("/v1/flows", new
        {
            name = "Dup",
            steps = new[] { new { step_id = "same", type = "drop_from_flow" }, new { step_id = "same", type = "drop_from_flow" } },
        }).ExpectProblemAsync(HttpStatusCode.Conflict, "flow_duplicate_step_id");
        Assert.Equal("same", problem.Text("step_id"));
        Assert.Contains("'same'", problem.Text("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_changes_only_the_members_sent()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var id = await ws.CreateFlowAsync(new
        {
            name = "Before", description = "d",
            settings = new { timezone = "Europe/Paris", session_ttl_minutes = 30 },
        });
        factory.Clock.Advance(TimeSpan.FromMinutes(5));

        var renamed = await ws.Http.PatchJsonAsync($"/v1/flows/{id}", new { name = "After" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("After", renamed.Text("name"));
        Assert.Equal("d", renamed.Text("description"));
        Assert.NotEqual(renamed.Text("created_at"), renamed.Text("updated_at"));

        var merged = await ws.Http.PatchJsonAsync($"/v1/flows/{id}", """{"settings":{"session_ttl_minutes":90,"quiet_hours":{"start":"22:00","end":"07:00"}}}""")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Europe/Paris", merged["settings"]!.Text("timezone"));
        Assert.Equal(90, merged["settings"]!["session_ttl_minutes"]!.GetValue<int>());
        Assert.Equal("22:00", merged["settings"]!["quiet_hours"]!.Text("start"));

        var reset = await ws.Http.PatchJsonAsync($"/v1/flows/{id}", """{"description":null,"settings":{"timezone":null,"quiet_hours":null}}""")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("", reset.Text("description"));
        Assert.Equal("UTC", reset["settings"]!.Text("timezone"));
        Assert.Null(reset["settings"]!["quiet_hours"]);
        Assert.Equal(90, reset["settings"]!["session_ttl_minutes"]!.GetValue<int>());

        var structure = await ws.Http.PatchJsonAsync($"/v1/flows/{id}", """
            {"triggers":[{"type":"contact_created"}],"steps":[{"step_id":"a","type":"drop_from_flow"}],"entry_step_id":"a",
             "reentry_policy":{"mode":"after_exit"},"disqualification_rules":{"source":"contact","field":"plan","operator":"eq","value":"vip"}}
            """).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("contact_created", structure["triggers"]![0]!.Text("type"));
        Assert.Equal(["a"], structure.StepIds());
        Assert.Equal("a", structure.Text("entry_step_id"));
        Assert.Equal("after_exit", structure["reentry_policy"]!.Text("mode"));
        Assert.NotNull(structure["disqualification_rules"]);

        var cleared = await ws.Http.PatchJsonAsync($"/v1/flows/{id}", """{"entry_step_id":null,"disqualification_rules":null,"reentry_policy":null}""")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Null(cleared["entry_step_id"]);
        Assert.Null(cleared["disqualification_rules"]);
        Assert.Equal("no_reentry", cleared["reentry_policy"]!.Text("mode"));

        var stored = await ws.Http.GetAsync($"/v1/flows/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(cleared.ToJsonString(), stored.ToJsonString());
    }

    [Fact]
    public async Task New_flows_inherit_the_workspace_time_zone_unless_they_name_one()
    {
        // Flows of a Europe/London workspace used to default to UTC, so their at_time waits ran an hour off in summer.
        using var ws = await factory.NewWorkspaceAsync(timezone: "Europe/London");
        var bare = await ws.Http.PostJsonAsync("/v1/flows", new { name = "Bare" }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("Europe/London", bare["settings"]!.Text("timezone"));
        var partial = await ws.Http.PostJsonAsync("/v1/flows", new { name = "Partial", settings = new { session_ttl_minutes = 30 } })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("Europe/London", partial["settings"]!.Text("timezone"));

        var named = await ws.Http.PostJsonAsync("/v1/flows", new { name = "Named", settings = new { timezone = "America/New_York" } })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("America/New_York", named["settings"]!.Text("timezone"));
        var reset = await ws.Http.PatchJsonAsync($"/v1/flows/{named.Id()}", """{"settings":{"timezone":null}}""")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Europe/London", reset["settings"]!.Text("timezone"));
    }

    [Fact]
    public async Task Patch_validation_uses_the_same_paths_and_changes_nothing_on_failure()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var id = await ws.CreateFlowAsync(new { name = "Keep" });
        var path = $"/v1/flows/{id}";
        await ws.Http.PatchJsonAsync(path, """{"name":null}""").ExpectValidationAsync("name");
        await ws.Http.PatchJsonAsync(path, """{"steps":[{"step_id":"a","type":"wait","duration_amount":"x"}]}""")
            .ExpectValidationAsync("steps[0].duration_amount");
        await ws.Http.PatchJsonAsync(path, """{"steps":[{"step_id":"a","type":"teleport"}]}""").ExpectValidationAsync("steps[0].type");
        await ws.Http.PatchJsonAsync(path, """{"settings":{"timezone":"Nowhere/Town"}}""").ExpectValidationAsync("settings.timezone");
        await ws.Http.PatchJsonAsync(path, """{"settings":{"timezone":5}}""").ExpectValidationAsync("settings.timezone");
        await ws.Http.PatchJsonAsync(path, """{"settings":{"colour":"red"}}""").ExpectValidationAsync("settings.colour");
        await ws.Http.PatchJsonAsync(path, """{"settings":7}""").ExpectValidationAsync("settings");
        await ws.Http.PatchJsonAsync(path, """{"reentry_policy":{"mode":"after_cooldown"}}""")
            .ExpectValidationAsync("reentry_policy.cooldown_minutes");
        await ws.Http.PatchJsonAsync(path, """{"triggers":[{"type":"inbound_message","keywords":[]}]}""")
            .ExpectValidationAsync("triggers[0].keywords");
        await ws.Http.PatchJsonAsync(path, """{"entry_step_id":"no spaces allowed"}""").ExpectValidationAsync("entry_step_id");
        await ws.Http.PatchJsonAsync(path, """{"name":"x","version":3}""").ExpectValidationAsync("version");
        var duplicate = await ws.Http.PatchJsonAsync(path,
                """{"steps":[{"step_id":"x","type":"drop_from_flow"},{"step_id":"x","type":"drop_from_flow"}]}""")
            .ExpectProblemAsync(HttpStatusCode.Conflict, "flow_duplicate_step_id");
        Assert.Equal("x", duplicate.Text("step_id"));

        var unchanged = await ws.Http.GetAsync(path).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Keep", unchanged.Text("name"));
        Assert.Empty(unchanged["steps"]!.AsArray());
        Assert.Equal("UTC", unchanged["settings"]!.Text("timezone"));
    }

    [Fact]
    public async Task Delete_removes_a_flow_that_is_not_active()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var id = await ws.CreateFlowAsync(new { name = "Gone soon" });
        var deleted = await ws.Http.DeleteAsync($"/v1/flows/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal($$"""{"flow_id":"{{id}}","deleted":true}""", deleted.ToJsonString());
        await ws.Http.GetAsync($"/v1/flows/{id}").ExpectProblemAsync(HttpStatusCode.NotFound, "flow_not_found");
        await ws.Http.DeleteAsync($"/v1/flows/{id}").ExpectProblemAsync(HttpStatusCode.NotFound, "flow_not_found");
    }

    [Fact]
    public async Task The_list_filters_by_status_sorts_searches_and_pages()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var beta = await ws.CreateReadyFlowAsync("beta Welcome");
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var alpha = await ws.CreateReadyFlowAsync("Alpha");
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var gamma = await ws.CreateReadyFlowAsync("GAMMA welcome");
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var old = await ws.CreateReadyFlowAsync("Old welcome");
        await ws.ActAsync(old, "archive");
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await ws.ActAsync(alpha, "activate");
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await ws.ActAsync(alpha, "pause");
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await ws.ActAsync(beta, "activate");

        async Task<string[]> Ids(string query)
        {
            var page = await ws.Http.GetAsync($"/v1/flows{query}").ExpectAsync(HttpStatusCode.OK);
            Assert.All(page["flows"]!.AsArray(), f => Assert.NotNull(f!["stats"]));
            return page["flows"]!.AsArray().Select(f => f!.Id()).ToArray();
        }

        Assert.Equal([beta, alpha, gamma], await Ids(""));
        Assert.Equal([beta, alpha, old, gamma], await Ids("?status=any"));
        Assert.Equal([old], await Ids("?archived=true"));
        Assert.Equal([old], await Ids("?status=archived"));
        Assert.Equal([beta, alpha, gamma], await Ids("?status=any&archived=false"));
        Assert.Equal([beta], await Ids("?status=active"));
        Assert.Equal([alpha], await Ids("?status=paused"));
        Assert.Equal([gamma], await Ids("?status=draft"));
        Assert.Empty(await Ids("?status=active&archived=true"));
        Assert.Equal([alpha, beta, gamma], await Ids("?sort_by=name"));
        Assert.Equal([gamma, beta, alpha], await Ids("?sort_by=name&sort_order=desc"));
        Assert.Equal([beta, alpha, gamma], await Ids("?sort_by=created_at&sort_order=asc"));
        Assert.Equal([gamma, alpha, beta], await Ids("?sort_by=created_at"));
        Assert.Equal([gamma, alpha, beta], await Ids("?sort_by=updated_at&sort_order=asc"));
        Assert.Equal([beta, gamma], await Ids("?search=WELCOME"));
        Assert.Equal([beta, old, gamma], await Ids("?search=welcome&status=any"));
        Assert.Empty(await Ids("?search=%25"));

        var page2 = await ws.Http.GetAsync("/v1/flows?limit=2&page=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([gamma], page2["flows"]!.AsArray().Select(f => f!.Id()));
        Assert.Equal("""{"page":2,"limit":2,"total":3,"total_pages":2}""", page2["pagination"]!.ToJsonString());
    }

    [Theory]
    [InlineData("?status=deleted", "status")]
    [InlineData("?archived=maybe", "archived")]
    [InlineData("?sort_by=popularity", "sort_by")]
    [InlineData("?sort_order=sideways", "sort_order")]
    [InlineData("?status=draft&status=active", "status")]
    [InlineData("?limit=0", "limit")]
    public async Task Bad_list_parameters_are_validation_failed(string query, string path)
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.GetAsync($"/v1/flows{query}").ExpectValidationAsync(path);
    }

    [Fact]
    public async Task Another_workspace_sees_none_of_it_and_bad_ids_are_404()
    {
        using var a = await factory.NewWorkspaceAsync();
        using var b = await factory.NewWorkspaceAsync();
        var id = await a.CreateReadyFlowAsync();
        var list = await b.Http.GetAsync("/v1/flows?status=any").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(list["flows"]!.AsArray());

        var calls = new Func<string, Task<HttpResponseMessage>>[]
        {
            f => b.Http.GetAsync($"/v1/flows/{f}"),
            f => b.Http.PatchJsonAsync($"/v1/flows/{f}", new { name = "stolen" }),
            f => b.Http.DeleteAsync($"/v1/flows/{f}"),
            f => b.Http.PutJsonAsync($"/v1/flows/{f}/steps", new { steps = Array.Empty<object>() }),
            f => b.Http.PostJsonAsync($"/v1/flows/{f}/steps", new { step = new { step_id = "x", type = "drop_from_flow" } }),
            f => b.Http.PatchJsonAsync($"/v1/flows/{f}/steps/bye", new { step = new { label = "x" } }),
            f => b.Http.DeleteAsync($"/v1/flows/{f}/steps/bye"),
            f => b.Http.PostJsonAsync($"/v1/flows/{f}/activate", null),
            f => b.Http.PostJsonAsync($"/v1/flows/{f}/pause", null),
            f => b.Http.PostJsonAsync($"/v1/flows/{f}/archive", null),
        };
        foreach (var call in calls)
        {
            foreach (var flowId in new[] { id, "not-a-uuid", Guid.CreateVersion7().ToString() })
            {
                await call(flowId).ExpectProblemAsync(HttpStatusCode.NotFound, "flow_not_found");
            }
        }

        var untouched = await a.Http.GetAsync($"/v1/flows/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Ready", untouched.Text("name"));
        Assert.Equal("draft", untouched.Text("status"));
        Assert.Equal(["bye"], untouched.StepIds());
    }

    [Fact]
    public async Task Reading_needs_FLOWS_READ_and_writing_FLOWS_WRITE()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var id = await ws.CreateReadyFlowAsync();
        var readerKey = (await ws.Http.PostJsonAsync("/v1/api-keys",
            new { name = "reader", kind = "secret", scopes = new[] { "FLOWS_READ" } }).ExpectAsync(HttpStatusCode.Created)).Text("key");
        var writerKey = (await ws.Http.PostJsonAsync("/v1/api-keys",
            new { name = "writer", kind = "secret", scopes = new[] { "FLOWS_WRITE" } }).ExpectAsync(HttpStatusCode.Created)).Text("key");
        using var reader = factory.ClientWithKey(readerKey);
        using var writer = factory.ClientWithKey(writerKey);

        await reader.GetAsync("/v1/flows").ExpectAsync(HttpStatusCode.OK);
        await reader.GetAsync($"/v1/flows/{id}").ExpectAsync(HttpStatusCode.OK);
        await reader.PostJsonAsync("/v1/flows", new { name = "x" }).ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        await reader.PostJsonAsync($"/v1/flows/{id}/activate", null).ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        await reader.DeleteAsync($"/v1/flows/{id}/steps/bye").ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");

        await writer.GetAsync("/v1/flows").ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        await writer.PatchJsonAsync($"/v1/flows/{id}", new { name = "Renamed" }).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Creating_with_an_idempotency_key_makes_one_flow()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var body = new { name = "Once" };
        var first = await ws.Http.PostJsonAsync("/v1/flows", body, idempotencyKey: "flow-once").ExpectAsync(HttpStatusCode.Created);
        var second = await ws.Http.PostJsonAsync("/v1/flows", body, idempotencyKey: "flow-once").ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(first.Id(), second.Id());
        var list = await ws.Http.GetAsync("/v1/flows").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, list["pagination"]!["total"]!.GetValue<int>());
    }

    /// <summary>A step's members in a fixed order, so the test compares meaning rather than member order.</summary>
    private static string Canonical(JsonNode step)
    {
        var ordered = new JsonObject();
        foreach (var (name, value) in step.AsObject().OrderBy(m => m.Key switch
                 {
                     "step_id" => 0,
                     "type" => 1,
                     "next_step_id" => 99,
                     _ => 2,
                 }))
        {
            ordered[name] = value?.DeepClone();
        }

        return ordered.ToJsonString();
    }
}
