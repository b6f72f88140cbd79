using System.Net;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Conventions;

/// <summary>
/// Every /v1 operation of the live OpenAPI document × every kind of key (none, revoked, the workspace's secret and
/// public keys, a secret key of each single scope, another workspace's key, the bootstrap admin key), plain and as a
/// repeat of another key's <c>Idempotency-Key</c>: each answers what API.md §2 says its scopes allow, and a repeat is
/// never a way around them.
/// </summary>
public sealed class AuthorizationMatrixTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    private const string WorkspacesAdmin = "WORKSPACES_ADMIN";

    private static readonly string[] SingleScopes =
    [
        "FLOW_TRIGGER", "FLOWS_READ", "FLOWS_WRITE", "CONTACTS_READ", "CONTACTS_WRITE", "LISTS_READ", "LISTS_WRITE",
        "EMAILS_READ", "EMAILS_WRITE", "EVENTS_WRITE", "FORMS_WRITE", "KEYS_ADMIN",
    ];

    // The scopes of API.md's tables, keyed as the OpenAPI document names the operation.
    private static readonly Dictionary<string, string[]> Required = new()
    {
        ["POST /v1/api-keys"] = ["KEYS_ADMIN"],
        ["GET /v1/api-keys"] = ["KEYS_ADMIN"],
        ["DELETE /v1/api-keys/{id}"] = ["KEYS_ADMIN"],
        ["POST /v1/workspaces"] = [WorkspacesAdmin],
        ["GET /v1/workspaces"] = [WorkspacesAdmin],
        ["GET /v1/workspace"] = [], // any valid key: who is calling (the web UI's sign-in)
        ["GET /v1/settings"] = ["KEYS_ADMIN"],
        ["PATCH /v1/settings"] = ["KEYS_ADMIN"],
        ["POST /v1/secrets"] = ["KEYS_ADMIN"],
        ["GET /v1/secrets"] = ["KEYS_ADMIN"],
        ["DELETE /v1/secrets/{name}"] = ["KEYS_ADMIN"],
        ["POST /v1/webhook-signing-secret/rotate"] = ["KEYS_ADMIN"],
        ["POST /v1/contacts"] = ["CONTACTS_WRITE"],
        ["GET /v1/contacts"] = ["CONTACTS_READ"],
        ["GET /v1/contacts/{id}"] = ["CONTACTS_READ"],
        ["PATCH /v1/contacts/{id}"] = ["CONTACTS_WRITE"],
        ["DELETE /v1/contacts/{id}"] = ["CONTACTS_WRITE"],
        ["GET /v1/contacts/{id}/memberships"] = ["CONTACTS_READ"],
        ["GET /v1/contacts/{id}/events"] = ["CONTACTS_READ"],
        ["POST /v1/custom-fields"] = ["CONTACTS_WRITE"],
        ["GET /v1/custom-fields"] = ["CONTACTS_READ"],
        ["PATCH /v1/custom-fields/{apiName}"] = ["CONTACTS_WRITE"],
        ["POST /v1/events"] = ["EVENTS_WRITE"],
        ["POST /v1/lists"] = ["LISTS_WRITE"],
        ["GET /v1/lists"] = ["LISTS_READ"],
        ["GET /v1/lists/{id}"] = ["LISTS_READ"],
        ["PATCH /v1/lists/{id}"] = ["LISTS_WRITE"],
        ["DELETE /v1/lists/{id}"] = ["LISTS_WRITE"],
        ["GET /v1/lists/{id}/contacts"] = ["LISTS_READ"],
        ["POST /v1/lists/{id}/contacts"] = ["LISTS_WRITE"],
        ["DELETE /v1/lists/{id}/contacts/{contactId}"] = ["LISTS_WRITE"],
        ["POST /v1/emails"] = ["EMAILS_WRITE"],
        ["GET /v1/emails"] = ["EMAILS_READ"],
        ["GET /v1/emails/{id}"] = ["EMAILS_READ"],
        ["PATCH /v1/emails/{id}"] = ["EMAILS_WRITE"],
        ["POST /v1/emails/{id}/approve"] = ["EMAILS_WRITE"],
        ["POST /v1/emails/{id}/preview"] = ["EMAILS_READ"],
        ["POST /v1/templates"] = ["EMAILS_WRITE"],
        ["GET /v1/templates"] = ["EMAILS_READ"],
        ["GET /v1/templates/{id}"] = ["EMAILS_READ"],
        ["PATCH /v1/templates/{id}"] = ["EMAILS_WRITE"],
        ["DELETE /v1/templates/{id}"] = ["EMAILS_WRITE"],
        ["POST /v1/flows"] = ["FLOWS_WRITE"],
        ["GET /v1/flows"] = ["FLOWS_READ"],
        ["GET /v1/flows/{id}"] = ["FLOWS_READ"],
        ["PATCH /v1/flows/{id}"] = ["FLOWS_WRITE"],
        ["DELETE /v1/flows/{id}"] = ["FLOWS_WRITE"],
        ["PUT /v1/flows/{id}/steps"] = ["FLOWS_WRITE"],
        ["POST /v1/flows/{id}/steps"] = ["FLOWS_WRITE"],
        ["PATCH /v1/flows/{id}/steps/{stepId}"] = ["FLOWS_WRITE"],
        ["DELETE /v1/flows/{id}/steps/{stepId}"] = ["FLOWS_WRITE"],
        ["PUT /v1/flows/{id}/steps/{stepId}/email"] = ["FLOWS_WRITE", "EMAILS_WRITE"],
        ["POST /v1/flows/{id}/validate"] = ["FLOWS_READ"],
        ["POST /v1/flows/{id}/activate"] = ["FLOWS_WRITE"],
        ["POST /v1/flows/{id}/pause"] = ["FLOWS_WRITE"],
        ["POST /v1/flows/{id}/archive"] = ["FLOWS_WRITE"],
        ["GET /v1/flows/{id}/step-stats"] = ["FLOWS_READ"],
        ["POST /v1/flows/{id}/trigger"] = ["FLOW_TRIGGER"],
        ["POST /v1/flows/{id}/trigger/batch"] = ["FLOW_TRIGGER"],
        ["POST /v1/flows/{id}/contacts/{contact_id}"] = ["FLOWS_WRITE"],
        ["GET /v1/flows/{id}/members"] = ["FLOWS_READ"],
        ["GET /v1/flows/{id}/members/{member_id}"] = ["FLOWS_READ"],
        ["DELETE /v1/flows/{id}/members/{member_id}"] = ["FLOWS_WRITE"],
        ["POST /v1/forms"] = ["FORMS_WRITE"],
        ["GET /v1/forms"] = ["FORMS_WRITE"],
        ["GET /v1/forms/{id}"] = ["FORMS_WRITE"],
        ["PATCH /v1/forms/{id}"] = ["FORMS_WRITE"],
        ["DELETE /v1/forms/{id}"] = ["FORMS_WRITE"],
        ["POST /v1/pages"] = ["FLOWS_WRITE"],
        ["GET /v1/pages"] = ["FLOWS_READ"],
        ["GET /v1/pages/{id}"] = ["FLOWS_READ"],
        ["PATCH /v1/pages/{id}"] = ["FLOWS_WRITE"],
        ["DELETE /v1/pages/{id}"] = ["FLOWS_WRITE"],
        ["POST /v1/webhooks/email/{provider}"] = ["EVENTS_WRITE"],
        ["GET /v1/dev/outbox"] = ["FLOWS_READ"],
        // The dev clock is the whole server's (docs/security.md): only the bootstrap admin key moves it.
        ["POST /v1/dev/clock"] = [WorkspacesAdmin],
        ["POST /v1/dev/sms/inbound"] = ["FLOWS_WRITE"],
    };

    // Operations a public key is refused even with the scope: a browser key must not report bounces (which
    // unsubscribe addresses) or start batches.
    private static readonly HashSet<string> SecretKeysOnly =
        ["POST /v1/webhooks/email/{provider}", "POST /v1/flows/{id}/trigger/batch"];

    private sealed record Caller(string Name, HttpClient Client, string[] Scopes, bool OtherWorkspace, bool Revoked,
        bool Anonymous = false);

    [Fact]
    public async Task Every_operation_answers_every_kind_of_key_as_its_scopes_say_with_and_without_a_replayed_key()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync();
        var ids = await ResourcesAsync(ws);
        var callers = await CallersAsync(ws, other);
        var operations = await OperationsAsync();
        var failures = new List<string>();
        var requests = 0;

        // A repeat of an answer another key got, with the same Idempotency-Key and body, is a request of its own.
        // (First, while every resource still exists: the plain pass below deletes some.)
        foreach (var (path, body, required) in ReplayableCreates(ids))
        {
            var owner = required.Contains(WorkspacesAdmin) ? callers.Single(c => c.Name == "admin") : callers.Single(c => c.Name == "secret *");
            var key = $"matrix {path}";
            using (var first = await SendAsync(owner, "POST", path, body, key))
            {
                Assert.True(first.IsSuccessStatusCode, $"{path}: {(int)first.StatusCode} {await first.Content.ReadAsStringAsync()}");
            }

            foreach (var caller in callers.Where(c => c != owner))
            {
                using var response = await SendAsync(caller, "POST", path, body, key);
                requests++;
                var text = await response.Content.ReadAsStringAsync();
                var problem = response.Headers.Contains("Idempotent-Replayed")
                    ? $"replayed another key's answer ({(int)response.StatusCode})"
                    : Check(caller, required, secretOnly: false, response, text);
                if (problem is not null)
                {
                    failures.Add($"POST {path} repeated by {caller.Name}: {problem}");
                }
            }
        }

        var ghosts = ids.ToDictionary(p => p.Key, _ => Guid.CreateVersion7().ToString());
        foreach (var (method, template) in operations)
        {
            var required = Required[$"{method} {template}"];
            var path = Fill(template, ids);
            foreach (var caller in callers)
            {
                using var response = await SendAsync(caller, method, path, null);
                requests++;
                var problem = Check(caller, required, SecretKeysOnly.Contains($"{method} {template}"), response,
                    await response.Content.ReadAsStringAsync());
                if (problem is null && caller.OtherWorkspace && HasResourceId(template))
                {
                    // Another workspace's IDs answer exactly as IDs that do not exist.
                    using var ghost = await SendAsync(caller, method, Fill(template, ghosts), null);
                    requests++;
                    if (Answer(ghost, await ghost.Content.ReadAsStringAsync()) is var expected
                        && Answer(response, await response.Content.ReadAsStringAsync()) is var actual && expected != actual)
                    {
                        problem = $"another workspace's ID answered {actual}, an unknown ID {expected}";
                    }
                }

                if (problem is not null)
                {
                    failures.Add($"{method} {template} as {caller.Name}: {problem}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} answers were wrong:\n" + string.Join("\n", failures));
        Assert.True(requests > 1000, $"only {requests} requests");
    }

    /// <summary>
    /// Issue 14: the scope check ran after binding, so a key without the scope that sent a malformed body was told
    /// 400 invalid_json instead of 403 forbidden_scope. Every operation that takes a body, sent a truncated, a
    /// wrong-typed and a non-object body by each key lacking its scopes, answers 403 forbidden_scope.
    /// </summary>
    [Fact]
    public async Task A_key_without_the_scope_is_refused_before_its_malformed_body_is_read()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync();
        var ids = await ResourcesAsync(ws);
        var callers = (await CallersAsync(ws, other)).Where(c => !c.Anonymous && !c.Revoked).ToList();
        string[] bodies = ["{", """{"name": 5, "email": [], "steps": "x", "fields": 1}""", "[1]"];
        var failures = new List<string>();
        var requests = 0;
        foreach (var (method, template) in (await OperationsAsync()).Where(o => o.Method is "POST" or "PUT" or "PATCH"))
        {
            var required = Required[$"{method} {template}"];
            var secretOnly = SecretKeysOnly.Contains($"{method} {template}");
            foreach (var caller in callers)
            {
                if (Allowed(caller, required, secretOnly))
                {
                    continue;
                }

                foreach (var body in bodies)
                {
                    using var response = await SendAsync(caller, method, Fill(template, ids), body);
                    requests++;
                    var text = await response.Content.ReadAsStringAsync();
                    if (Check(caller, required, secretOnly, response, text) is { } problem)
                    {
                        failures.Add($"{method} {template} as {caller.Name} with {body}: {problem}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} answers were wrong:\n" + string.Join("\n", failures));
        Assert.True(requests > 500, $"only {requests} requests");
    }

    /// <summary>Null when the answer is the one the caller's scopes call for, else what was wrong with it.</summary>
    private static string? Check(Caller caller, string[] required, bool secretOnly, HttpResponseMessage response,
        string text)
    {
        var status = (int)response.StatusCode;
        var code = status >= 400 && text.Length > 0 ? JsonNode.Parse(text)?["error_code"]?.GetValue<string>() : null;
        if (status >= 500)
        {
            return $"{status} {text}";
        }

        if (caller.Anonymous || caller.Revoked)
        {
            return status == 401 && code == "unauthorized" ? null : $"expected 401 unauthorized, got {status} {code}";
        }

        if (!Allowed(caller, required, secretOnly))
        {
            return status == 403 && code == "forbidden_scope" ? null : $"expected 403 forbidden_scope, got {status} {code}";
        }

        if (status == 401 || code == "forbidden_scope")
        {
            return $"has {string.Join("+", required)} but got {status} {code}";
        }

        return null;
    }

    private static bool Allowed(Caller caller, string[] required, bool secretOnly) =>
        required.All(scope => caller.Scopes.Contains(scope) || (scope != WorkspacesAdmin && caller.Scopes.Contains("*")))
        && !(secretOnly && caller.Name == "public");

    private static string Answer(HttpResponseMessage response, string text) =>
        $"{(int)response.StatusCode} {(text.Length > 0 && (int)response.StatusCode >= 400 ? JsonNode.Parse(text)?["error_code"] : null)}";

    private static bool HasResourceId(string template) =>
        template.Contains("{id}", StringComparison.Ordinal) || template.Contains("{contact", StringComparison.Ordinal)
        || template.Contains("{member_id}", StringComparison.Ordinal);

    private async Task<List<(string Method, string Template)>> OperationsAsync()
    {
        using var client = factory.CreateClient();
        var document = await client.GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        var operations = new List<(string, string)>();
        var undocumented = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (!path.StartsWith("/v1/", StringComparison.Ordinal) || path.StartsWith("/v1/webhooks/sms/", StringComparison.Ordinal))
            {
                // Public routes: health, tracking links, unsubscribe, form posts; SMS provider webhooks prove themselves
                // by signature instead of a key (Sms/TwilioSmsTests, Sms/GenericSmsTests).
                continue;
            }

            foreach (var (method, _) in item!.AsObject())
            {
                var operation = (method.ToUpperInvariant(), path);
                operations.Add(operation);
                if (!Required.ContainsKey($"{operation.Item1} {path}"))
                {
                    undocumented.Add($"{operation.Item1} {path}");
                }
            }
        }

        Assert.True(undocumented.Count == 0, "Add the scopes of these operations to the matrix: " + string.Join(", ", undocumented));
        Assert.True(operations.Count > 60, $"only {operations.Count} operations");
        return operations;
    }

    private async Task<List<Caller>> CallersAsync(WorkspaceClient ws, WorkspaceClient other)
    {
        var callers = new List<Caller>
        {
            new("no key", factory.CreateClient(), [], false, false, Anonymous: true),
            new("admin", factory.AdminClient(), ["*", WorkspacesAdmin], true, false),
            new("secret *", ws.Http, ["*"], false, false),
            new("other workspace *", other.Http, ["*"], true, false),
        };
        var publicKey = await KeyAsync(ws, "public", ["FLOW_TRIGGER", "EVENTS_WRITE"]);
        callers.Add(new("public", factory.ClientWithKey(publicKey.Key), ["FLOW_TRIGGER", "EVENTS_WRITE"], false, false));
        foreach (var scope in SingleScopes)
        {
            var key = await KeyAsync(ws, "secret", [scope]);
            callers.Add(new($"secret {scope}", factory.ClientWithKey(key.Key), [scope], false, false));
        }

        var revoked = await KeyAsync(ws, "secret", ["*"]);
        await ws.Http.DeleteAsync($"/v1/api-keys/{revoked.Id}").ExpectAsync(HttpStatusCode.NoContent);
        callers.Add(new("revoked", factory.ClientWithKey(revoked.Key), ["*"], false, true));
        return callers;
    }

    private static async Task<(string Id, string Key)> KeyAsync(WorkspaceClient ws, string kind, string[] scopes)
    {
        var key = await ws.Http.PostJsonAsync("/v1/api-keys", new { name = $"{kind} {string.Join(",", scopes)}", kind, scopes })
            .ExpectAsync(HttpStatusCode.Created);
        return (key.Id(), key["key"]!.GetValue<string>());
    }

    /// <summary>One real resource of each kind in the workspace, for the operations' path parameters.</summary>
    private static async Task<Dictionary<string, string>> ResourcesAsync(WorkspaceClient ws)
    {
        var contact = await ws.Http.PostJsonAsync("/v1/contacts", new { email = "matrix@example.com" }).ExpectAsync(HttpStatusCode.Created);
        var list = await ws.Http.PostJsonAsync("/v1/lists", new { name = "matrix", type = "static" }).ExpectAsync(HttpStatusCode.Created);
        var email = await ws.Http.PostJsonAsync("/v1/emails",
            new { name = "matrix", subject = "Hi", html = "<p>Hi</p>", from_email = "a@example.com" }).ExpectAsync(HttpStatusCode.Created);
        var template = await ws.Http.PostJsonAsync("/v1/templates", new { name = "matrix", html = "<div>{{content}}</div>" })
            .ExpectAsync(HttpStatusCode.Created);
        var form = await ws.Http.PostJsonAsync("/v1/forms",
            new { name = "matrix", fields = new[] { new { name = "email", type = "email", required = true } } }).ExpectAsync(HttpStatusCode.Created);
        var page = await ws.Http.PostJsonAsync("/v1/pages", new { name = "matrix", alias = $"matrix-{Guid.NewGuid():N}", html = "<p>m</p>" })
            .ExpectAsync(HttpStatusCode.Created);
        var flow = await ws.Http.PostJsonAsync("/v1/flows", new
        {
            name = "matrix", triggers = new[] { new { type = "api" } },
            steps = new[] { new { step_id = "w", type = "wait", duration_amount = 1, duration_unit = "hours" } },
        }).ExpectAsync(HttpStatusCode.Created);
        await ws.Http.PostJsonAsync($"/v1/flows/{flow.Id()}/activate", null).ExpectAsync(HttpStatusCode.OK);
        var member = await ws.Http.PostJsonAsync($"/v1/flows/{flow.Id()}/trigger", new { email = "matrix@example.com" })
            .ExpectAsync(HttpStatusCode.Created);
        await ws.Http.PostJsonAsync("/v1/custom-fields", new { api_name = "plan", label = "Plan", type = "text" })
            .ExpectAsync(HttpStatusCode.Created);
        await ws.Http.PostJsonAsync("/v1/secrets", new { name = "token", value = "matrix-secret" }).ExpectAsync(HttpStatusCode.Created);
        var throwaway = await KeyAsync(ws, "secret", ["CONTACTS_READ"]);
        return new Dictionary<string, string>
        {
            ["contact"] = contact.Id("contact_id"), ["list"] = list.Id(), ["email"] = email.Id(), ["template"] = template.Id(),
            ["form"] = form.Id(), ["flow"] = flow.Id(), ["member"] = member.Id(), ["key"] = throwaway.Id,
            ["page"] = page.Id(),
        };
    }

    /// <summary>The template with each parameter replaced by a real resource of the kind its route names.</summary>
    private static string Fill(string template, Dictionary<string, string> ids)
    {
        var resource = template.Split('/')[2] switch
        {
            "api-keys" => "key", "contacts" => "contact", "lists" => "list", "emails" => "email",
            "templates" => "template", "forms" => "form", "flows" => "flow", "pages" => "page", _ => null,
        };
        var path = resource is null ? template : template.Replace("{id}", ids[resource], StringComparison.Ordinal);
        return path.Replace("{contactId}", ids["contact"], StringComparison.Ordinal)
            .Replace("{contact_id}", ids["contact"], StringComparison.Ordinal)
            .Replace("{member_id}", ids["member"], StringComparison.Ordinal)
            .Replace("{stepId}", "w", StringComparison.Ordinal)
            .Replace("{apiName}", "plan", StringComparison.Ordinal)
            .Replace("{name}", "token", StringComparison.Ordinal)
            .Replace("{provider}", "generic", StringComparison.Ordinal);
    }

    /// <summary>Creates whose answers are worth stealing by a replay: keys, secrets, workspaces, contacts.</summary>
    private static IEnumerable<(string Path, object? Body, string[] Required)> ReplayableCreates(Dictionary<string, string> ids) =>
    [
        ("/v1/api-keys", new { name = "stolen?", kind = "secret", scopes = new[] { "*" } }, ["KEYS_ADMIN"]),
        ("/v1/webhook-signing-secret/rotate", null, ["KEYS_ADMIN"]),
        ("/v1/secrets", new { name = "replayed", value = "v" }, ["KEYS_ADMIN"]),
        ("/v1/workspaces", new { name = "Replayed" }, [WorkspacesAdmin]),
        ("/v1/contacts", new { email = "replayed@example.com" }, ["CONTACTS_WRITE"]),
        ("/v1/events", new { name = "replayed", email = "replayed@example.com" }, ["EVENTS_WRITE"]),
        ($"/v1/flows/{ids["flow"]}/trigger", new { email = "replayed@example.com" }, ["FLOW_TRIGGER"]),
    ];

    private static Task<HttpResponseMessage> SendAsync(Caller caller, string method, string path, object? body,
        string? idempotencyKey = null) =>
        caller.Client.SendJsonAsync(new HttpMethod(method), path,
            method is "POST" or "PUT" or "PATCH" ? body ?? "{}" : null, idempotencyKey);
}
