using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Flows;

/// <summary>POST /v1/flows/{id}/trigger/batch: per-item outcomes, limits and errors of API.md §8.6.</summary>
public sealed class BatchTriggerTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    private const string OneHourWait = """
        {"triggers":[{"type":"api","segment":{"source":"contact","field":"email","operator":"ends_with","value":"@example.com"}}],
         "steps":[{"step_id":"w","type":"wait","duration_amount":1,"duration_unit":"hours"}]}
        """;

    private static Task<JsonNode> BatchAsync(WorkspaceClient ws, string flowId, object recipients,
        HttpStatusCode expected = HttpStatusCode.OK) =>
        ws.Http.PostJsonAsync($"/v1/flows/{flowId}/trigger/batch", new { recipients }).ExpectAsync(expected);

    private static string[] Statuses(JsonNode answer) =>
        answer["results"]!.AsArray().Select(r => r!["status"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task Mixed_items_each_get_their_outcome_in_request_order_and_invalid_ones_stop_nothing()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await ws.ActiveFlowAsync(OneHourWait);
        var existing = await ws.TriggerAsync(flowId, new { email = "running@example.com" });
        var answer = await BatchAsync(ws, flowId, new object[]
        {
            new { email = "new@example.com", context = new { cart_id = "1" } },
            new { contact_id = existing["contact_id"]!.GetValue<string>() },
            new { email = "skip@elsewhere.org" },
            new { email = "bad", phone = "+14155550123" },
            new { contact_id = Guid.NewGuid().ToString() },
            new { email = "new@example.com" },
            new { emial = "typo@example.com" },
            "not an object",
            new { phone = "+14155550199", contact = new { email = "texted@example.com" } },
        });

        Assert.Equal(["started", "already_running", "skipped", "invalid", "invalid", "already_running", "invalid",
            "invalid", "started"], Statuses(answer));
        var results = answer["results"]!.AsArray();
        Assert.Equal(Enumerable.Range(0, 9), results.Select(r => r!["index"]!.GetValue<int>()));
        Assert.Equal(existing.Id(), results[1]!.Id());
        Assert.Equal("segment_mismatch", results[2]!["reason"]!.GetValue<string>());
        Assert.Null(results[2]!["id"]);
        Assert.Equal("contact_id", results[4]!["errors"]![0]!["path"]!.GetValue<string>());
        Assert.Null(results[4]!["contact_id"]);
        Assert.Equal(results[0]!.Id(), results[5]!.Id());
        Assert.Equal("emial", results[6]!["errors"]![0]!["path"]!.GetValue<string>());
        Assert.NotEmpty(results[3]!["errors"]!.AsArray());
        Assert.Null(results[0]!["errors"]);

        var members = await ws.Http.GetAsync($"/v1/flows/{flowId}/members").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, members["pagination"]!["total"]!.GetValue<int>());
        var first = await ws.MemberAsync(flowId, results[0]!.Id());
        Assert.Equal("1", first["context"]!["cart_id"]!.GetValue<string>());
        var texted = await ws.Http.GetAsync($"/v1/contacts/{results[8]!["contact_id"]}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("subscribed", texted["sms_subscription_status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_thousand_recipients_start_and_one_more_is_refused_whole()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await ws.ActiveFlowAsync(OneHourWait);
        var tooMany = Enumerable.Range(0, 1001).Select(i => new { email = $"r{i}@example.com" }).ToArray();
        var problem = await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/trigger/batch", new { recipients = tooMany })
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["recipients"], problem.Paths("errors"));
        var members = await ws.Http.GetAsync($"/v1/flows/{flowId}/members").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, members["pagination"]!["total"]!.GetValue<int>());

        var answer = await BatchAsync(ws, flowId, tooMany[..1000]);
        Assert.All(Statuses(answer), s => Assert.Equal("started", s));
        members = await ws.Http.GetAsync($"/v1/flows/{flowId}/members").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1000, members["pagination"]!["total"]!.GetValue<int>());
        Assert.Empty((await BatchAsync(ws, flowId, Array.Empty<object>()))["results"]!.AsArray());
    }

    [Fact]
    public async Task Flow_level_errors_answer_as_for_one_trigger()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync();
        var flowId = await ws.ActiveFlowAsync(OneHourWait);
        var one = new[] { new { email = "a@example.com" } };
        await other.Http.PostJsonAsync($"/v1/flows/{flowId}/trigger/batch", new { recipients = one })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "flow_not_found");
        await ws.Http.PostJsonAsync("/v1/flows/nope/trigger/batch", new { recipients = one })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "flow_not_found");
        var draft = await ws.CreateReadyFlowAsync();
        await ws.Http.PostJsonAsync($"/v1/flows/{draft}/trigger/batch", new { recipients = one })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "flow_not_found");
        var noApi = await ws.ActiveFlowAsync("""
            {"triggers":[{"type":"contact_created"}],"steps":[{"step_id":"w","type":"wait","duration_amount":1,"duration_unit":"hours"}]}
            """);
        await ws.Http.PostJsonAsync($"/v1/flows/{noApi}/trigger/batch", new { recipients = one })
            .ExpectProblemAsync(HttpStatusCode.Conflict, "flow_not_api_triggered");
        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/trigger/batch", new { })
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/trigger/batch", new { recipients = one, extra = 1 })
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Public_keys_are_refused_even_for_flows_open_to_them()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var key = await ws.Http.PostJsonAsync("/v1/api-keys",
            new { name = "browser", kind = "public", scopes = new[] { "FLOW_TRIGGER" } }).ExpectAsync(HttpStatusCode.Created);
        using var browser = factory.ClientWithKey(key["key"]!.GetValue<string>());
        var open = await ws.ActiveFlowAsync("""
            {"triggers":[{"type":"api"}],"settings":{"allow_public_trigger":true},
             "steps":[{"step_id":"w","type":"wait","duration_amount":1,"duration_unit":"hours"}]}
            """);
        await browser.PostJsonAsync($"/v1/flows/{open}/trigger/batch", new { recipients = new[] { new { email = "b@example.com" } } })
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
    }

    [Fact]
    public async Task A_keyed_repeat_replays_the_first_answer_and_starts_nobody_twice()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await ws.ActiveFlowAsync(OneHourWait);
        var body = new { recipients = new[] { new { email = "k1@example.com" }, new { email = "k2@example.com" } } };
        string? first = null;
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/flows/{flowId}/trigger/batch")
            {
                Content = JsonContent.Create(body),
            };
            request.Headers.Add("Idempotency-Key", "batch-1");
            using var response = await ws.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            first ??= text;
            Assert.Equal(first, text);
            Assert.Equal(i == 1, response.Headers.Contains("Idempotent-Replayed"));
        }

        Assert.Equal(["started", "started"], Statuses(JsonNode.Parse(first!)!));
        var members = await ws.Http.GetAsync($"/v1/flows/{flowId}/members").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, members["pagination"]!["total"]!.GetValue<int>());
    }
}
