using System.Net;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Conventions;

/// <summary>
/// Idempotency-Key as docs/security.md states it: authorized first, scoped to the API key, stored answers encrypted,
/// and recorded in the command's own transactions so a retry after a crash never runs the command twice.
/// </summary>
public sealed class IdempotencyTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    [Fact]
    public async Task Idempotency_replay_does_not_skip_authorization()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var body = new { name = "minted", kind = "secret", scopes = new[] { "*" } };
        await ws.Http.PostJsonAsync("/v1/api-keys", body, idempotencyKey: "mk-1").ExpectAsync(HttpStatusCode.Created);
        await ws.Http.PostJsonAsync("/v1/webhook-signing-secret/rotate", null, idempotencyKey: "rot-1")
            .ExpectAsync(HttpStatusCode.OK);

        var publicKey = await CreateKeyAsync(ws, new { name = "browser", kind = "public", scopes = new[] { "FLOW_TRIGGER" } });
        var reader = await CreateKeyAsync(ws, new { name = "reader", kind = "secret", scopes = new[] { "FLOWS_READ" } });
        foreach (var key in new[] { publicKey, reader })
        {
            using var client = factory.ClientWithKey(key);
            await client.PostJsonAsync("/v1/api-keys", body, idempotencyKey: "mk-1")
                .ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
            await client.PostJsonAsync("/v1/webhook-signing-secret/rotate", null, idempotencyKey: "rot-1")
                .ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        }
    }

    [Fact]
    public async Task Idempotency_records_belong_to_the_api_key_that_made_them()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var second = factory.ClientWithKey(
            await CreateKeyAsync(ws, new { name = "second", kind = "secret", scopes = new[] { "*" } }));
        var body = new { email = "shared-key@example.com" };
        var first = await ws.Http.PostJsonAsync("/v1/contacts", body, idempotencyKey: "same").ExpectAsync(HttpStatusCode.Created);

        using var other = await second.PostJsonAsync("/v1/contacts", body, idempotencyKey: "same");
        Assert.False(other.Headers.Contains("Idempotent-Replayed"), "another key's record was replayed");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode); // ran itself, and found the contact the first key made
        using var replay = await ws.Http.PostJsonAsync("/v1/contacts", body, idempotencyKey: "same");
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(first.Id("contact_id"), (await replay.ReadJsonAsync())!.Id("contact_id"));
    }

    [Fact]
    public async Task Idempotent_answers_that_hold_secrets_are_not_stored_in_plaintext()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var admin = factory.AdminClient();
        var created = await ws.Http.PostJsonAsync("/v1/api-keys",
            new { name = "stored", kind = "secret", scopes = new[] { "*" } }, idempotencyKey: "secret-key")
            .ExpectAsync(HttpStatusCode.Created);
        var rotated = await ws.Http.PostJsonAsync("/v1/webhook-signing-secret/rotate", null, idempotencyKey: "secret-rot")
            .ExpectAsync(HttpStatusCode.OK);
        var workspace = await admin.PostJsonAsync("/v1/workspaces", new { name = "Stored" }, idempotencyKey: "secret-ws")
            .ExpectAsync(HttpStatusCode.Created);
        var secrets = new[]
        {
            created["key"]!.GetValue<string>(), rotated["secret"]!.GetValue<string>(),
            workspace["api_key"]!.GetValue<string>(),
        };

        Assert.Equal(3, await factory.QuerySqlAsync<long>(
            "SELECT COUNT(*) FROM idempotency_keys WHERE key IN ('secret-key', 'secret-rot', 'secret-ws') AND body IS NOT NULL"));
        Assert.Empty(await PlaintextScan.FindAsync(factory.DataDirectory, secrets));

        // The key that made the request still gets its answer back, whole.
        var again = await ws.Http.PostJsonAsync("/v1/api-keys",
            new { name = "stored", kind = "secret", scopes = new[] { "*" } }, idempotencyKey: "secret-key")
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(secrets[0], again["key"]!.GetValue<string>());
    }

    private static async Task<string> CreateKeyAsync(WorkspaceClient ws, object body) =>
        (await ws.Http.PostJsonAsync("/v1/api-keys", body).ExpectAsync(HttpStatusCode.Created))["key"]!.GetValue<string>();
}
