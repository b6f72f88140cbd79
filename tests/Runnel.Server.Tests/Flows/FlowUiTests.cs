using System.Net;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Flows;

/// <summary>
/// API.md §8.1: <c>ui</c> is the builder's own data — any JSON object up to 64 KiB, returned as given, editable in any
/// status but archived, and not part of a version.
/// </summary>
public sealed class FlowUiTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    private static readonly JsonObject Layout = new()
    {
        ["positions"] = new JsonObject { ["bye"] = new JsonObject { ["x"] = 120.5, ["y"] = -40 } },
        ["notes"] = new JsonArray("first draft", null, new JsonObject { ["nested"] = true }),
        ["zoom"] = 0.75,
    };

    [Fact]
    public async Task Ui_is_stored_and_returned_exactly_as_given_and_is_null_by_default()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var plain = await ws.Http.PostJsonAsync("/v1/flows", new { name = "no ui" }).ExpectAsync(HttpStatusCode.Created);
        Assert.True(plain.AsObject().ContainsKey("ui"));
        Assert.Null(plain["ui"]);

        var created = await ws.Http.PostJsonAsync("/v1/flows", new
        {
            name = "with ui", triggers = new[] { new { type = "api" } },
            steps = new[] { new { step_id = "bye", type = "drop_from_flow" } },
            ui = Layout,
        }).ExpectAsync(HttpStatusCode.Created);
        Assert.True(JsonNode.DeepEquals(Layout, created["ui"]));
        var read = await ws.Http.GetAsync($"/v1/flows/{created.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(Layout, read["ui"]));
        var listed = await ws.Http.GetAsync("/v1/flows?search=with").ExpectAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(Layout, listed["flows"]![0]!["ui"]));
    }

    [Fact]
    public async Task Ui_is_editable_while_active_without_a_new_version_and_frozen_only_when_archived()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var id = await ws.CreateReadyFlowAsync();
        var active = await ws.ActAsync(id, "activate");
        Assert.Equal(1, active["version"]!.GetValue<int>());

        var moved = new JsonObject { ["positions"] = new JsonObject { ["bye"] = new JsonObject { ["x"] = 1, ["y"] = 2 } } };
        var patched = await ws.Http.PatchJsonAsync($"/v1/flows/{id}", new { ui = moved }).ExpectAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(moved, patched["ui"]));
        Assert.Equal("active", patched.Text("status"));
        Assert.Equal(1, patched["version"]!.GetValue<int>());

        // Not a version: pausing and reactivating keeps the latest ui, and an edit of other members leaves it alone.
        await ws.ActAsync(id, "pause");
        var renamed = await ws.Http.PatchJsonAsync($"/v1/flows/{id}", new { name = "renamed" }).ExpectAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(moved, renamed["ui"]));
        var cleared = await ws.Http.PatchJsonAsync($"/v1/flows/{id}", new { ui = (object?)null }).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(cleared["ui"]);

        await ws.ActAsync(id, "archive");
        await ws.Http.PatchJsonAsync($"/v1/flows/{id}", new { ui = moved })
            .ExpectProblemAsync(HttpStatusCode.Conflict, "flow_not_editable");
        Assert.Null((await ws.Http.GetAsync($"/v1/flows/{id}").ExpectAsync(HttpStatusCode.OK))["ui"]);
    }

    [Fact]
    public async Task Ui_over_64_KiB_or_not_an_object_is_refused_and_nothing_changes()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var id = await ws.CreateReadyFlowAsync();
        var big = new JsonObject { ["notes"] = new string('x', 64 * 1024) };
        await ws.Http.PatchJsonAsync($"/v1/flows/{id}", new { ui = big }).ExpectValidationAsync("ui");
        await ws.Http.PostJsonAsync("/v1/flows", new { name = "big", ui = big }).ExpectValidationAsync("ui");
        await ws.Http.PatchJsonAsync($"/v1/flows/{id}", new { ui = new[] { 1, 2 } })
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await ws.Http.PatchJsonAsync($"/v1/flows/{id}", new { ui = "positions" })
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        var justUnder = new JsonObject { ["notes"] = new string('x', 64 * 1024 - 20) };
        var ok = await ws.Http.PatchJsonAsync($"/v1/flows/{id}", new { ui = justUnder }).ExpectAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(justUnder, ok["ui"]));
        var list = await ws.Http.GetAsync("/v1/flows").ExpectAsync(HttpStatusCode.OK);
        Assert.Single(list["flows"]!.AsArray());
    }
}
