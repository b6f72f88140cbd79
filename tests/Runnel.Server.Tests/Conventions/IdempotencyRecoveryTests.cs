using System.Net;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Conventions;

public sealed class IdempotencyRecoveryTests(AbandoningRunnelFactory factory) : IClassFixture<AbandoningRunnelFactory>
{
    [Fact]
    public async Task Idempotency_is_atomic_with_the_command_so_a_retry_after_a_crash_never_enrolls_twice()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await ws.ActiveFlowAsync("""
            {"triggers":[{"type":"api"}],"reentry_policy":{"mode":"after_exit"},
             "steps":[{"step_id":"w","type":"wait","duration_amount":1,"duration_unit":"minutes"}]}
            """);
        var body = new { email = "retry@example.com", context = new { order = 7 } };

        var answers = new List<(HttpStatusCode Status, string Body)>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/trigger", body, idempotencyKey: "order-7");
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
            Assert.Equal(attempt > 0, response.Headers.Contains("Idempotent-Replayed"));
            // The first membership finishes, so under after_exit a second execution would be let in.
            await ws.AdvanceAsync(TimeSpan.FromMinutes(2));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        var members = await ws.Http.GetAsync($"/v1/flows/{flowId}/members").ExpectAsync(HttpStatusCode.OK);
        var member = Assert.Single(members["members"]!.AsArray());
        Assert.Equal(JsonNode.Parse(answers[0].Body)!.Id(), member!.Id());
        Assert.Equal("completed", member!.Status());
    }

    [Fact]
    public async Task Every_create_recovers_its_first_answer_and_creates_once()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var admin = factory.AdminClient();
        var creates = new (HttpClient Client, string Path, object? Body, string Listing, string Items)[]
        {
            (ws.Http, "/v1/contacts", new { email = "once@example.com" }, "/v1/contacts", "contacts"),
            (ws.Http, "/v1/api-keys", new { name = "once", kind = "secret", scopes = new[] { "CONTACTS_READ" } }, "/v1/api-keys", "api_keys"),
            (ws.Http, "/v1/flows", new { name = "once", triggers = new[] { new { type = "api" } } }, "/v1/flows", "flows"),
            (ws.Http, "/v1/lists", new { name = "once", type = "static" }, "/v1/lists", "lists"),
            (ws.Http, "/v1/emails", new { name = "once", subject = "Hi", html = "<p>Hi</p>", from_email = "a@example.com" }, "/v1/emails", "emails"),
            (ws.Http, "/v1/custom-fields", new { api_name = "plan", label = "Plan", type = "text" }, "/v1/custom-fields", "custom_fields"),
            (ws.Http, "/v1/pages", new { name = "once", alias = $"once-{Guid.NewGuid():N}", html = "<h1>Hi</h1>" }, "/v1/pages", "pages"),
            (admin, "/v1/workspaces", new { name = "Once" }, "/v1/workspaces", "workspaces"),
        };

        foreach (var (client, path, body, listing, items) in creates)
        {
            var before = await CountAsync(client, listing, items);
            var first = await SendAsync(client, path, body, $"create-once {path}");
            Assert.True(first.StartsWith("201 ", StringComparison.Ordinal), $"{path}: {first}");
            for (var retry = 0; retry < 2; retry++)
            {
                var again = await SendAsync(client, path, body, $"create-once {path}");
                Assert.True(first == again, $"{path}: the retry answered {again}, the first call {first}");
            }

            Assert.Equal(before + 1, await CountAsync(client, listing, items));
        }

        var rotated = await SendAsync(ws.Http, "/v1/webhook-signing-secret/rotate", null, "rotate-once");
        Assert.Equal(rotated, await SendAsync(ws.Http, "/v1/webhook-signing-secret/rotate", null, "rotate-once"));
    }

    [Fact]
    public async Task Every_other_post_recovers_its_first_answer()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var contact = await ws.Http.PostJsonAsync("/v1/contacts", new { email = "posts@example.com" })
            .ExpectAsync(HttpStatusCode.Created);
        var contactId = contact.Id("contact_id");
        var list = await ws.Http.PostJsonAsync("/v1/lists", new { name = "static", type = "static" })
            .ExpectAsync(HttpStatusCode.Created);
        var email = await ws.Http.PostJsonAsync("/v1/emails",
            new { name = "e", subject = "Hi", html = "<p>Hi</p>", from_email = "a@example.com" }).ExpectAsync(HttpStatusCode.Created);
        var flow = await ws.Http.PostJsonAsync("/v1/flows", new
        {
            name = "posts", triggers = new[] { new { type = "api" } },
            steps = new[] { new { step_id = "w", type = "wait", duration_amount = 1, duration_unit = "hours" } },
        }).ExpectAsync(HttpStatusCode.Created);
        var flowId = flow.Id();

        var posts = new (string Path, object? Body)[]
        {
            ("/v1/events", new { name = "ordered", email = "posts@example.com", properties = new { total = 3 } }),
            ("/v1/secrets", new { name = "token", value = "s3cr3t-value" }),
            ("/v1/templates", new { name = "layout", html = "<div>{{content}}</div>" }),
            ("/v1/forms", new { name = "signup", fields = new[] { new { name = "email", type = "email", required = true } } }),
            ($"/v1/lists/{list.Id()}/contacts", new { contact_ids = new[] { contactId } }),
            ($"/v1/emails/{email.Id()}/approve", null),
            ($"/v1/emails/{email.Id()}/preview", new { contact_id = contactId }),
            ($"/v1/flows/{flowId}/steps", new
            {
                step = new { step_id = "w0", type = "wait", duration_amount = 2, duration_unit = "hours", next_step_id = "w" },
                position = "start",
            }),
            ($"/v1/flows/{flowId}/activate", null),
            ($"/v1/flows/{flowId}/contacts/{contactId}", null),
            ($"/v1/flows/{flowId}/pause", null),
            ($"/v1/flows/{flowId}/archive", null),
        };
        foreach (var (path, body) in posts)
        {
            var first = await SendAsync(ws.Http, path, body, $"post {path}");
            Assert.True(first.StartsWith('2'), $"{path}: {first}");
            var again = await SendAsync(ws.Http, path, body, $"post {path}");
            Assert.True(first == again, $"{path}: the retry answered {again}, the first call {first}");
        }

        var members = await ws.Http.GetAsync($"/v1/flows/{flowId}/members").ExpectAsync(HttpStatusCode.OK);
        Assert.Single(members["members"]!.AsArray());
    }

    private static async Task<string> SendAsync(HttpClient client, string path, object? body, string key)
    {
        using var response = await client.PostJsonAsync(path, body, idempotencyKey: key);
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }

    private static async Task<int> CountAsync(HttpClient client, string path, string items)
    {
        var page = await client.GetAsync($"{path}?limit=100").ExpectAsync(HttpStatusCode.OK);
        return page["pagination"]?["total"]?.GetValue<int>() ?? page[items]!.AsArray().Count;
    }
}
