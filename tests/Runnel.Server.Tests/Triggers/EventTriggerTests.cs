using System.Net;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Triggers;

/// <summary>API.md §8.2: contact_created, contact_updated, list and event triggers, segments, pause and activation.</summary>
public sealed class EventTriggerTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    [Fact]
    public async Task Contact_created_fires_for_every_creation_path_and_not_for_updates_or_earlier_contacts()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var before = await ws.ContactAsync(new { email = "before@x.test" });
        var flowId = await ws.WaitingFlowAsync("""[{"type":"contact_created"}]""");
        var apiFlow = await ws.WaitingFlowAsync("""[{"type":"api"}]""");

        var byApi = await ws.ContactAsync(new { email = "api@x.test" });
        await ws.Http.PostJsonAsync("/v1/contacts", new { email = "before@x.test", first_name = "B" })
            .ExpectAsync(HttpStatusCode.OK);
        var byEvent = (await ws.Http.PostJsonAsync("/v1/events", new { name = "seen", email = "event@x.test" })
            .ExpectAsync(HttpStatusCode.Accepted)).Id("event_id");
        var byTrigger = (await ws.TriggerAsync(apiFlow, new { email = "trigger@x.test" })).Id("contact_id");
        var form = await ws.Http.PostJsonAsync("/v1/forms",
            new { name = "F", fields = new[] { new { name = "email", type = "email", required = true } } })
            .ExpectAsync(HttpStatusCode.Created);
        using var anonymous = factory.CreateClient();
        var byForm = (await anonymous.PostJsonAsync($"/forms/{form.Id()}/submit", new { email = "form@x.test" })
            .ExpectAsync(HttpStatusCode.Created)).Id("contact_id");
        var eventContact = (await ws.Http.GetAsync("/v1/contacts?email=event@x.test").ExpectAsync(HttpStatusCode.OK))
            ["contacts"]![0]!.Id();
        Assert.NotEmpty(byEvent);

        var entered = await ws.EnteredAsync(flowId);
        Assert.Equal(new[] { byApi, eventContact, byTrigger, byForm }.Order().ToArray(), entered);
        Assert.DoesNotContain(before, entered);
        var member = await ws.Http.GetAsync($"/v1/flows/{flowId}/members?limit=100").ExpectAsync(HttpStatusCode.OK);
        var detail = await ws.MemberAsync(flowId, member.Member(byApi).Id());
        Assert.Equal("contact_created", detail["timeline"]![0]!["data"]!["trigger"]!.GetValue<string>());
    }

    [Fact]
    public async Task Contact_updated_tests_the_new_value_or_any_real_change_on_every_update_path()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.FieldAsync("plan", "text");
        var a = await ws.ContactAsync(new { email = "a@x.test", fields = new { plan = "free" } });
        var b = await ws.ContactAsync(new { email = "b@x.test", fields = new { plan = "free" } });
        var c = await ws.ContactAsync(new { email = "c@x.test", first_name = "C" });
        var d = await ws.ContactAsync(new { email = "d@x.test", fields = new { plan = "free" } });
        var toPro = await ws.WaitingFlowAsync(
            """[{"type":"contact_updated","field":"plan","operator":"eq","value":"pro"}]""");
        var nameChanged = await ws.WaitingFlowAsync(
            """[{"type":"contact_updated","field":"first_name","operator":"changed"}]""");

        await ws.Http.PostJsonAsync("/v1/contacts", new { email = "a@x.test", fields = new { plan = "pro" } })
            .ExpectAsync(HttpStatusCode.OK);
        await ws.Http.PatchJsonAsync($"/v1/contacts/{b}", new { fields = new { plan = "team" } })
            .ExpectAsync(HttpStatusCode.OK);
        await ws.Http.PatchJsonAsync($"/v1/contacts/{c}", new { first_name = "C" }).ExpectAsync(HttpStatusCode.OK);
        await ws.Http.PatchJsonAsync($"/v1/contacts/{d}", new { first_name = "Dee" }).ExpectAsync(HttpStatusCode.OK);

        // The update_contact step is another update path.
        var upgrade = await ws.ActiveFlowAsync("""
            {"triggers":[{"type":"api"}],
             "steps":[{"step_id":"up","type":"update_contact","field":"plan","value":"pro"}]}
            """);
        await ws.TriggerAsync(upgrade, new { contact_id = d });

        Assert.Equal(new[] { a, d }.Order().ToArray(), await ws.EnteredAsync(toPro));
        Assert.Equal([d], await ws.EnteredAsync(nameChanged));
    }

    [Fact]
    public async Task List_triggers_fire_on_add_and_remove_by_the_api_and_by_steps()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var list = await ws.StaticListAsync();
        var other = await ws.StaticListAsync();
        var a = await ws.ContactAsync(new { email = "a@x.test" });
        var b = await ws.ContactAsync(new { email = "b@x.test" });
        var c = await ws.ContactAsync(new { email = "c@x.test" });
        await ws.Http.PostJsonAsync($"/v1/lists/{list}/contacts", new { contact_ids = new[] { c } })
            .ExpectAsync(HttpStatusCode.OK);
        var added = await ws.WaitingFlowAsync($$"""[{"type":"added_to_static_list","list_id":"{{list}}"}]""");
        var removed = await ws.WaitingFlowAsync($$"""[{"type":"removed_from_static_list","list_id":"{{list}}"}]""");

        await ws.Http.PostJsonAsync($"/v1/lists/{list}/contacts", new { contact_ids = new[] { a, c } })
            .ExpectAsync(HttpStatusCode.OK);
        await ws.Http.PostJsonAsync($"/v1/lists/{other}/contacts", new { contact_ids = new[] { b } })
            .ExpectAsync(HttpStatusCode.OK);
        await ws.Http.DeleteAsync($"/v1/lists/{list}/contacts/{c}");
        var stepper = await ws.ActiveFlowAsync($$"""
            {"triggers":[{"type":"api"}],
             "steps":[{"step_id":"add","type":"add_to_list","list_id":"{{list}}"}]}
            """);
        await ws.TriggerAsync(stepper, new { contact_id = b });

        Assert.Equal(new[] { a, b }.Order().ToArray(), await ws.EnteredAsync(added));
        Assert.Equal([c], await ws.EnteredAsync(removed));
    }

    [Fact]
    public async Task Event_triggers_apply_their_where_filters_and_segments()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.FieldAsync("tier", "text");
        var a = await ws.ContactAsync(new { email = "a@x.test", fields = new { tier = "gold" } });
        var b = await ws.ContactAsync(new { email = "b@x.test", fields = new { tier = "gold" } });
        var c = await ws.ContactAsync(new { email = "c@x.test", fields = new { tier = "basic" } });
        var flowId = await ws.WaitingFlowAsync("""
            [{"type":"event","name":"purchase","where":[{"property":"total","operator":"gte","value":100}],
              "segment":{"source":"contact","field":"tier","operator":"eq","value":"gold"}}]
            """);

        foreach (var (contact, name, total) in new[]
                 {
                     (a, "purchase", 150), (b, "purchase", 20), (c, "purchase", 500), (b, "refund", 300),
                 })
        {
            await ws.Http.PostJsonAsync("/v1/events", new { name, contact_id = contact, properties = new { total } })
                .ExpectAsync(HttpStatusCode.Accepted);
        }

        Assert.Equal([a], await ws.EnteredAsync(flowId));
    }

    [Fact]
    public async Task Nothing_that_happens_while_a_flow_is_paused_enrolls_anyone_after_it_resumes()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var list = await ws.StaticListAsync();
        var a = await ws.ContactAsync(new { email = "a@x.test" });
        var b = await ws.ContactAsync(new { email = "b@x.test" });
        var flowId = await ws.WaitingFlowAsync($$"""[{"type":"added_to_static_list","list_id":"{{list}}"}]""");
        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/pause", null).ExpectAsync(HttpStatusCode.OK);
        await ws.Http.PostJsonAsync($"/v1/lists/{list}/contacts", new { contact_ids = new[] { a } })
            .ExpectAsync(HttpStatusCode.OK);
        await ws.AdvanceAsync(TimeSpan.FromMinutes(1));
        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/activate", null).ExpectAsync(HttpStatusCode.OK);
        await ws.Http.PostJsonAsync($"/v1/lists/{list}/contacts", new { contact_ids = new[] { b } })
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal([b], await ws.EnteredAsync(flowId));
    }

    [Fact]
    public async Task A_trigger_whose_list_was_deleted_does_not_stop_dispatch()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var list = await ws.StaticListAsync();
        var flowId = await ws.WaitingFlowAsync($$"""
            [{"type":"added_to_static_list","list_id":"{{list}}"},{"type":"contact_created"}]
            """);
        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/pause", null).ExpectAsync(HttpStatusCode.OK);
        await ws.Http.DeleteAsync($"/v1/lists/{list}");
        var activation = await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/activate", null)
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "flow_not_ready");
        Assert.Contains("triggers[0]", activation["missing"]![0]!["path"]!.GetValue<string>(), StringComparison.Ordinal);

        var other = await ws.WaitingFlowAsync("""[{"type":"contact_created"}]""");
        var a = await ws.ContactAsync(new { email = "a@x.test" });
        Assert.Equal([a], await ws.EnteredAsync(other));
    }
}
