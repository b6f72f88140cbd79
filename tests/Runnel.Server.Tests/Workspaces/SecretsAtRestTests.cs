using System.Net;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Workspaces;

/// <summary>
/// After every call that creates or shows a secret has run — plain and with an Idempotency-Key, answered and
/// replayed — none of them is anywhere in the stored data in plaintext: not in any table, not in SQLite's WAL.
/// </summary>
public sealed class SecretsAtRestTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    [Fact]
    public async Task No_api_key_signing_secret_or_secret_value_is_stored_in_plaintext()
    {
        var secrets = new List<string> { RunnelFactory.AdminKey };
        using var admin = factory.AdminClient();
        foreach (var idempotencyKey in new string?[] { null, "at-rest" })
        {
            var value = $"value-{Guid.NewGuid():N}";
            for (var repeat = 0; repeat < (idempotencyKey is null ? 1 : 2); repeat++)
            {
                var workspace = await admin.PostJsonAsync("/v1/workspaces", new { name = $"At rest {idempotencyKey}" },
                    idempotencyKey).ExpectAsync(HttpStatusCode.Created);
                var key = workspace["api_key"]!.GetValue<string>();
                secrets.Add(key);
                using var ws = factory.ClientWithKey(key);
                foreach (var (kind, scopes) in new[] { ("secret", new[] { "*" }), ("public", new[] { "FLOW_TRIGGER" }) })
                {
                    var created = await ws.PostJsonAsync("/v1/api-keys", new { name = kind, kind, scopes },
                            idempotencyKey is null ? null : $"{idempotencyKey}-{kind}").ExpectAsync(HttpStatusCode.Created);
                    secrets.Add(created["key"]!.GetValue<string>());
                }

                var rotated = await ws.PostJsonAsync("/v1/webhook-signing-secret/rotate", null,
                        idempotencyKey is null ? null : $"{idempotencyKey}-rotate")
                    .ExpectAsync(HttpStatusCode.OK);
                var signing = rotated["secret"]!.GetValue<string>();
                secrets.Add(signing);
                secrets.Add(signing["whsec_".Length..]); // the key material itself, base64

                await ws.PostJsonAsync("/v1/secrets", new { name = "api_token", value },
                        idempotencyKey is null ? null : $"{idempotencyKey}-value")
                    .ExpectAsync(HttpStatusCode.Created);
                secrets.Add(value);
            }
        }

        var found = await PlaintextScan.FindAsync(factory.DataDirectory, secrets);
        Assert.True(found.Count == 0, "In plaintext at rest: " + string.Join("; ", found));
    }

    [Fact]
    public async Task The_scan_finds_a_secret_that_is_stored_in_plaintext()
    {
        // The check above proves something only if it can fail: a value written in the clear is found.
        using var ws = await factory.NewWorkspaceAsync();
        var marker = $"plain-{Guid.NewGuid():N}";
        await ws.Http.PostJsonAsync("/v1/contacts", new { email = "scan@example.com", first_name = marker })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.NotEmpty(await PlaintextScan.FindAsync(factory.DataDirectory, [marker]));
    }
}
