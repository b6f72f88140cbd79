using System.Net;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Runtime;

/// <summary>POST /v1/flows/{id}/trigger and manual enrollment: every answer and error of API.md §8.6.</summary>
public sealed class TriggerApiTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    private const string OneHourWait = """
        {"triggers":[{"type":"api"}],%REENTRY%
         "steps":[{"step_id":"w","type":"wait","duration_amount":1,"duration_unit":"hours"}]}
        """;

    private static string WithReentry(string? policy) =>
        OneHourWait.Replace("%REENTRY%", policy is null ? "" : $"\"reentry_policy\":{policy},", StringComparison.Ordinal);

    [Fact]
    public async Task Fifty_parallel_triggers_for_one_new_contact_start_exactly_one_membership()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await ws.ActiveFlowAsync(WithReentry(null));
        var calls = Enumerable.Range(0, 50).Select(_ => ws.Http.PostJsonAsync($"/v1/flows/{flowId}/trigger",
            new { phone = "+14155550123", context = new { cart_id = "987" } })).ToArray();
        var responses = await Task.WhenAll(calls);
        var bodies = new List<JsonNode>();
        foreach (var response in responses)
        {
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, response.StatusCode.ToString());
            bodies.Add(JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
            response.Dispose();
        }

        Assert.Single(bodies, b => b["status"]!.GetValue<string>() == "started");
        Assert.Equal(49, bodies.Count(b => b["status"]!.GetValue<string>() == "already_running"));
        Assert.Single(bodies.Select(b => b.Id()).Distinct());
        Assert.Single(bodies.Select(b => b["contact_id"]!.GetValue<string>()).Distinct());

        var contact = await ws.Http.GetAsync($"/v1/contacts/{bodies[0]["contact_id"]}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("subscribed", contact["sms_subscription_status"]!.GetValue<string>());
        Assert.NotNull(contact["opted_in_at"]);
        var members = await ws.Http.GetAsync($"/v1/flows/{flowId}/members").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, members["pagination"]!["total"]!.GetValue<int>());
        Assert.Equal("987", members["members"]![0]!["context"]!["cart_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reentry_policies_decide_who_may_enter_again()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var once = await ws.ActiveFlowAsync(WithReentry(null), "once");
        var afterExit = await ws.ActiveFlowAsync(WithReentry("""{"mode":"after_exit"}"""), "after exit");
        var cooldown = await ws.ActiveFlowAsync(WithReentry("""{"mode":"after_cooldown","cooldown_minutes":180}"""), "cooldown");
        var body = new { email = "again@example.com" };
        foreach (var flow in new[] { once, afterExit, cooldown })
        {
            await ws.TriggerAsync(flow, body);
        }

        await ws.AdvanceAsync(TimeSpan.FromHours(1));
        var denied = await ws.TriggerAsync(once, body, HttpStatusCode.OK);
        Assert.Equal("skipped", denied["status"]!.GetValue<string>());
        Assert.Equal("reentry_denied", denied["reason"]!.GetValue<string>());
        Assert.Null(denied["id"]);
        Assert.Equal("started", (await ws.TriggerAsync(afterExit, body))["status"]!.GetValue<string>());
        Assert.Equal("reentry_denied", (await ws.TriggerAsync(cooldown, body, HttpStatusCode.OK))["reason"]!.GetValue<string>());

        var contactId = denied["contact_id"]!.GetValue<string>();
        await ws.Http.PostJsonAsync($"/v1/flows/{once}/contacts/{contactId}", null)
            .ExpectProblemAsync(HttpStatusCode.Conflict, "flow_reentry_denied");

        await ws.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal("started", (await ws.TriggerAsync(cooldown, body))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Segments_restrict_the_api_trigger()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await ws.ActiveFlowAsync("""
            {"triggers":[{"type":"api","segment":{"source":"contact","field":"email","operator":"ends_with","value":"@paid.com"}}],
             "steps":[{"step_id":"w","type":"wait","duration_amount":1,"duration_unit":"hours"}]}
            """);
        var skipped = await ws.TriggerAsync(flowId, new { email = "free@free.com" }, HttpStatusCode.OK);
        Assert.Equal("segment_mismatch", skipped["reason"]!.GetValue<string>());
        Assert.Equal(flowId, skipped["flow_id"]!.GetValue<string>());
        Assert.Equal("started", (await ws.TriggerAsync(flowId, new { email = "ceo@paid.com" }))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Flow_state_and_trigger_errors_are_answered_as_documented()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync();
        var draft = await ws.Http.PostJsonAsync("/v1/flows", """
            {"name":"draft","triggers":[{"type":"api"}],"steps":[{"step_id":"d","type":"drop_from_flow"}]}
            """).ExpectAsync(HttpStatusCode.Created);
        await ws.Http.PostJsonAsync($"/v1/flows/{draft.Id()}/trigger", new { email = "x@example.com" })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "flow_not_found");
        var contact = await ws.Http.PostJsonAsync("/v1/contacts", new { email = "x@example.com" }).ExpectAsync(HttpStatusCode.Created);
        await ws.Http.PostJsonAsync($"/v1/flows/{draft.Id()}/contacts/{contact["contact_id"]}", null)
            .ExpectProblemAsync(HttpStatusCode.Conflict, "flow_not_active");

        var listTriggered = await ws.ActiveFlowAsync("""
            {"triggers":[{"type":"contact_created"}],"steps":[{"step_id":"d","type":"drop_from_flow"}]}
            """);
        await ws.Http.PostJsonAsync($"/v1/flows/{listTriggered}/trigger", new { email = "x@example.com" })
            .ExpectProblemAsync(HttpStatusCode.Conflict, "flow_not_api_triggered");

        var flowId = await ws.ActiveFlowAsync(WithReentry(null));
        await other.Http.PostJsonAsync($"/v1/flows/{flowId}/trigger", new { email = "x@example.com" })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "flow_not_found");
        await ws.Http.PostJsonAsync("/v1/flows/not-a-uuid/trigger", new { email = "x@example.com" })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "flow_not_found");
        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/trigger", new { contact_id = Guid.CreateVersion7() })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/contacts/{Guid.CreateVersion7()}", null)
            .ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/trigger", new { }).ExpectValidationAsync("");
        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/trigger", new { email = "a@b.com", phone = "+14155550123" })
            .ExpectValidationAsync("");
        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/trigger", new { phone = "4155550123" }).ExpectValidationAsync("phone");
        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/trigger", new { email = "a@b.com", flavour = "x" })
            .ExpectValidationAsync("flavour");
        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/trigger",
                new { email = "a@b.com", context = new { blob = new string('x', 17 * 1024) } })
            .ExpectValidationAsync("context");
        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/trigger", new { email = "a@b.com", context = "nope" })
            .ExpectValidationAsync("context");
        await ws.Http.GetAsync($"/v1/flows/{flowId}/members/{Guid.CreateVersion7()}")
            .ExpectProblemAsync(HttpStatusCode.NotFound, "member_not_found");
        await other.Http.GetAsync($"/v1/flows/{flowId}/members").ExpectProblemAsync(HttpStatusCode.NotFound, "flow_not_found");

        var started = await ws.TriggerAsync(flowId, new
        {
            email = "Attrs@Example.com", contact = new { first_name = "Grace", timezone = "Europe/Paris" },
        });
        var created = await ws.Http.GetAsync($"/v1/contacts/{started["contact_id"]}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("attrs@example.com", created["email"]!.GetValue<string>());
        Assert.Equal("Grace", created["first_name"]!.GetValue<string>());
        Assert.Equal("Europe/Paris", created["timezone"]!.GetValue<string>());
        await other.Http.DeleteAsync($"/v1/flows/{flowId}/members/{started.Id()}")
            .ExpectProblemAsync(HttpStatusCode.NotFound, "flow_not_found");
    }

    [Fact]
    public async Task Public_keys_trigger_only_flows_that_allow_it()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var key = await ws.Http.PostJsonAsync("/v1/api-keys",
            new { name = "browser", kind = "public", scopes = new[] { "FLOW_TRIGGER" } }).ExpectAsync(HttpStatusCode.Created);
        using var browser = factory.ClientWithKey(key["key"]!.GetValue<string>());
        var closed = await ws.ActiveFlowAsync(WithReentry(null), "closed");
        var open = await ws.ActiveFlowAsync("""
            {"triggers":[{"type":"api"}],"settings":{"allow_public_trigger":true},
             "steps":[{"step_id":"w","type":"wait","duration_amount":1,"duration_unit":"hours"}]}
            """, "open");
        await browser.PostJsonAsync($"/v1/flows/{closed}/trigger", new { email = "b@example.com" })
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "flow_public_trigger_disabled");
        await browser.PostJsonAsync($"/v1/flows/{open}/trigger", new { email = "b@example.com" })
            .ExpectAsync(HttpStatusCode.Created);
        await browser.GetAsync($"/v1/flows/{open}/members").ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
    }

    [Fact]
    public async Task Metrics_count_enrollments_and_steps_in_prometheus_format()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await ws.ActiveFlowAsync(WithReentry(null));
        await ws.TriggerAsync(flowId, new { email = "m@example.com" });
        await ws.AdvanceAsync(TimeSpan.Zero);
        using var anonymous = factory.CreateClient();
        var text = await anonymous.GetStringAsync("/metrics");
        var values = text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToDictionary(l => l.Split(' ')[0], l => double.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(values["runnel_enrollments_total"] >= 1);
        Assert.True(values["runnel_steps_executed_total"] >= 1);
        Assert.Equal(0, values["runnel_due_backlog"]);
        Assert.Contains("# TYPE runnel_timer_lag_seconds gauge", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_trigger_with_an_idempotency_key_replays_the_first_answer()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await ws.ActiveFlowAsync(WithReentry(null));
        using var first = await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/trigger", new { email = "i@example.com" }, "trigger-1");
        using var second = await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/trigger", new { email = "i@example.com" }, "trigger-1");
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }
}
