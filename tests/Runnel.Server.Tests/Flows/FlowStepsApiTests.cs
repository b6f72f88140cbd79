using System.Net;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Flows;

public sealed class FlowStepsApiTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    private static object Sms(string id, string? next = null) =>
        new { step_id = id, type = "send_sms", body = $"This is {id}", next_step_id = next };

    [Fact]
    public async Task Put_replaces_the_whole_list()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var id = await ws.CreateReadyFlowAsync();
        var flow = await ws.Http.PutJsonAsync($"/v1/flows/{id}/steps", new { steps = new[] { Sms("one", "two"), Sms("two") } })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["one", "two"], flow.StepIds());
        Assert.Equal("two", flow["steps"]![0]!.Text("next_step_id"));

        var empty = await ws.Http.PutJsonAsync($"/v1/flows/{id}/steps", new { steps = Array.Empty<object>() }).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(empty["steps"]!.AsArray());
    }

    [Fact]
    public async Task Put_checks_format_and_duplicates()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var id = await ws.CreateReadyFlowAsync();
        var path = $"/v1/flows/{id}/steps";
        await ws.Http.PutJsonAsync(path, "{}").ExpectValidationAsync("steps");
        await ws.Http.PutJsonAsync(path, """{"steps":null}""").ExpectValidationAsync("steps");
        await ws.Http.PutJsonAsync(path, """{"steps":[{"step_id":"a","type":"send_sms","body":"x"},{"step_id":"b","type":"wait","duration_unit":"days"}]}""")
            .ExpectValidationAsync("steps[1].duration_amount");
        await ws.Http.PutJsonAsync(path, """{"steps":[{"step_id":"a","type":"wait","duration_amount":"x"}]}""")
            .ExpectValidationAsync("steps[0].duration_amount");
        await ws.Http.PutJsonAsync(path, """{"steps":[],"extra":1}""").ExpectValidationAsync("extra");
        var duplicate = await ws.Http.PutJsonAsync(path, new { steps = new[] { Sms("a"), Sms("b"), Sms("a") } })
            .ExpectProblemAsync(HttpStatusCode.Conflict, "flow_duplicate_step_id");
        Assert.Equal("a", duplicate.Text("step_id"));

        var unchanged = await ws.Http.GetAsync($"/v1/flows/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["bye"], unchanged.StepIds());
    }

    [Fact]
    public async Task Post_places_a_step_at_the_end_start_or_next_to_another_without_rewriting_edges()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var id = await ws.CreateFlowAsync(new { name = "Steps", steps = new[] { Sms("b", "c"), Sms("c") } });
        var path = $"/v1/flows/{id}/steps";

        var end = await ws.Http.PostJsonAsync(path, new { step = Sms("z") }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(["b", "c", "z"], end.StepIds());
        var explicitEnd = await ws.Http.PostJsonAsync(path, new { step = Sms("zz"), position = "end" }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(["b", "c", "z", "zz"], explicitEnd.StepIds());
        var start = await ws.Http.PostJsonAsync(path, new { step = Sms("a", "b"), position = "start" }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(["a", "b", "c", "z", "zz"], start.StepIds());
        var before = await ws.Http.PostJsonAsync(path, new { step = Sms("bb"), before_step_id = "c" }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(["a", "b", "bb", "c", "z", "zz"], before.StepIds());
        var after = await ws.Http.PostJsonAsync(path, new { step = Sms("cc"), after_step_id = "c" }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(["a", "b", "bb", "c", "cc", "z", "zz"], after.StepIds());
        var afterLast = await ws.Http.PostJsonAsync(path, new { step = Sms("last"), after_step_id = "zz" }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("last", afterLast.StepIds()[^1]);

        Assert.Equal("c", afterLast["steps"]![1]!.Text("next_step_id"));
        Assert.Null(afterLast["steps"]![2]!["next_step_id"]);
    }

    [Fact]
    public async Task Post_refuses_bad_steps_bad_anchors_and_duplicates()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var id = await ws.CreateFlowAsync(new { name = "Anchors", steps = new[] { Sms("a") } });
        var path = $"/v1/flows/{id}/steps";

        await ws.Http.PostJsonAsync(path, "{}").ExpectValidationAsync("step");
        await ws.Http.PostJsonAsync(path, """{"step":{"step_id":"x","type":"teleport"}}""").ExpectValidationAsync("step.type");
        await ws.Http.PostJsonAsync(path, """{"step":{"step_id":"x","type":"split","branches":[{"percent":"half"}]}}""")
            .ExpectValidationAsync("step.branches[0].percent");
        await ws.Http.PostJsonAsync(path, """{"step":{"step_id":"x","type":"wait"}}""").ExpectValidationAsync("step");
        await ws.Http.PostJsonAsync(path, """{"step":{"step_id":"x y","type":"drop_from_flow"}}""").ExpectValidationAsync("step.step_id");
        await ws.Http.PostJsonAsync(path, new { step = Sms("x"), position = "middle" }).ExpectValidationAsync("position");
        await ws.Http.PostJsonAsync(path, new { step = Sms("x"), before_step_id = "ghost" }).ExpectValidationAsync("before_step_id");
        await ws.Http.PostJsonAsync(path, new { step = Sms("x"), after_step_id = "ghost" }).ExpectValidationAsync("after_step_id");
        var several = await ws.Http.PostJsonAsync(path, new { step = Sms("x"), position = "start", after_step_id = "a" })
            .ExpectValidationAsync("position");
        Assert.Equal(["position", "after_step_id"], several.Paths("errors"));

        var duplicate = await ws.Http.PostJsonAsync(path, new { step = Sms("a"), position = "start" })
            .ExpectProblemAsync(HttpStatusCode.Conflict, "flow_duplicate_step_id");
        Assert.Equal("a", duplicate.Text("step_id"));

        var unchanged = await ws.Http.GetAsync($"/v1/flows/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["a"], unchanged.StepIds());
    }

    [Fact]
    public async Task Patch_merges_members_onto_the_step()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var id = await ws.CreateFlowAsync(new
        {
            name = "Patch",
            steps = new object[]
            {
                new { step_id = "pause", type = "wait", duration_amount = 2, duration_unit = "days", next_step_id = "end" },
                new { step_id = "end", type = "drop_from_flow" },
            },
        });
        var path = $"/v1/flows/{id}/steps/pause";

        var longer = await ws.Http.PatchJsonAsync(path, new { step = new { duration_amount = 3, label = "Three days" } })
            .ExpectAsync(HttpStatusCode.OK);
        var pause = longer["steps"]![0]!;
        Assert.Equal(3, pause["duration_amount"]!.GetValue<int>());
        Assert.Equal("days", pause.Text("duration_unit"));
        Assert.Equal("Three days", pause.Text("label"));
        Assert.Equal("end", pause.Text("next_step_id"));

        var unlabelled = await ws.Http.PatchJsonAsync(path, """{"step":{"label":null,"next_step_id":null,"step_id":"pause"}}""")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Null(unlabelled["steps"]![0]!["label"]);
        Assert.Null(unlabelled["steps"]![0]!["next_step_id"]);

        // Switching the wait's mode means removing the old mode's members in the same patch.
        var conditional = await ws.Http.PatchJsonAsync(path, """
            {"step":{"duration_amount":null,"duration_unit":null,
                     "condition":{"source":"contact","field":"plan","operator":"eq","value":"pro"},"timeout_minutes":60,"timeout_step_id":"end"}}
            """).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(60, conditional["steps"]![0]!["timeout_minutes"]!.GetValue<int>());
        Assert.Null(conditional["steps"]![0]!["duration_amount"]);
    }

    [Fact]
    public async Task Patch_changes_the_type_only_when_the_merged_step_is_valid()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var id = await ws.CreateFlowAsync(new
        {
            name = "Retype",
            steps = new object[] { new { step_id = "s", type = "wait", duration_amount = 1, duration_unit = "hours", next_step_id = "s2" } },
        });
        var path = $"/v1/flows/{id}/steps/s";

        var leftovers = await ws.Http.PatchJsonAsync(path, new { step = new { type = "send_sms", body = "Hi" } })
            .ExpectValidationAsync("step.duration_amount");
        Assert.Contains("send_sms", leftovers.ToJsonString(), StringComparison.Ordinal);
        await ws.Http.PatchJsonAsync(path, """{"step":{"type":"send_sms","duration_amount":null,"duration_unit":null,"body":"BODY"}}"""
            .Replace("BODY", new string('b', 1601), StringComparison.Ordinal)).ExpectValidationAsync("step.body");
        await ws.Http.PatchJsonAsync(path, """{"step":{"type":"hologram"}}""").ExpectValidationAsync("step.type");
        await ws.Http.PatchJsonAsync(path, """{"step":{"type":null}}""").ExpectValidationAsync("step.type");

        var retyped = await ws.Http.PatchJsonAsync(path, """{"step":{"type":"send_sms","duration_amount":null,"duration_unit":null,"body":"Hi"}}""")
            .ExpectAsync(HttpStatusCode.OK);
        var step = retyped["steps"]![0]!;
        Assert.Equal("send_sms", step.Text("type"));
        Assert.Equal("Hi", step.Text("body"));
        Assert.Equal("s2", step.Text("next_step_id"));
    }

    [Fact]
    public async Task Patch_refuses_a_new_step_id_a_missing_step_and_a_missing_body()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var id = await ws.CreateReadyFlowAsync();
        await ws.Http.PatchJsonAsync($"/v1/flows/{id}/steps/bye", new { step = new { step_id = "hello" } })
            .ExpectValidationAsync("step.step_id");
        await ws.Http.PatchJsonAsync($"/v1/flows/{id}/steps/bye", """{"step":{"step_id":null}}""").ExpectValidationAsync("step.step_id");
        await ws.Http.PatchJsonAsync($"/v1/flows/{id}/steps/bye", "{}").ExpectValidationAsync("step");
        await ws.Http.PatchJsonAsync($"/v1/flows/{id}/steps/bye", """{"step":[]}""").ExpectValidationAsync("step");
        await ws.Http.PatchJsonAsync($"/v1/flows/{id}/steps/bye", """{"step":{"colour":"red"}}""").ExpectValidationAsync("step.colour");
        await ws.Http.PatchJsonAsync($"/v1/flows/{id}/steps/ghost", new { step = new { label = "x" } })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "flow_step_not_found");

        var same = await ws.Http.PatchJsonAsync($"/v1/flows/{id}/steps/bye", new { step = new { step_id = "bye", label = "Bye" } })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Bye", same["steps"]![0]!.Text("label"));
    }

    [Fact]
    public async Task Delete_removes_one_step_and_leaves_edges_alone()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var id = await ws.CreateFlowAsync(new { name = "Trim", steps = new[] { Sms("a", "b"), Sms("b", "c"), Sms("c") } });
        var flow = await ws.Http.DeleteAsync($"/v1/flows/{id}/steps/b").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["a", "c"], flow.StepIds());
        Assert.Equal("b", flow["steps"]![0]!.Text("next_step_id"));
        await ws.Http.DeleteAsync($"/v1/flows/{id}/steps/b").ExpectProblemAsync(HttpStatusCode.NotFound, "flow_step_not_found");

        var notReady = await ws.ActProblemAsync(id, "activate", HttpStatusCode.BadRequest, "flow_not_ready");
        Assert.Contains("steps[0].next_step_id", notReady.Paths());
    }

    [Fact]
    public async Task Step_writes_are_structure_edits_refused_while_active_or_archived()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var id = await ws.CreateReadyFlowAsync();
        await ws.ActAsync(id, "activate");

        async Task RefusedAsync()
        {
            await ws.Http.PutJsonAsync($"/v1/flows/{id}/steps", new { steps = new[] { Sms("x") } })
                .ExpectProblemAsync(HttpStatusCode.Conflict, "flow_not_editable");
            await ws.Http.PostJsonAsync($"/v1/flows/{id}/steps", new { step = Sms("x") })
                .ExpectProblemAsync(HttpStatusCode.Conflict, "flow_not_editable");
            await ws.Http.PatchJsonAsync($"/v1/flows/{id}/steps/bye", new { step = new { label = "x" } })
                .ExpectProblemAsync(HttpStatusCode.Conflict, "flow_not_editable");
            await ws.Http.DeleteAsync($"/v1/flows/{id}/steps/bye").ExpectProblemAsync(HttpStatusCode.Conflict, "flow_not_editable");
        }

        await RefusedAsync();
        await ws.ActAsync(id, "pause");
        var edited = await ws.Http.PostJsonAsync($"/v1/flows/{id}/steps", new { step = Sms("x", "bye"), position = "start" })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(["x", "bye"], edited.StepIds());
        await ws.ActAsync(id, "archive");
        await RefusedAsync();

        var final = await ws.Http.GetAsync($"/v1/flows/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["x", "bye"], final.StepIds());
    }
}
