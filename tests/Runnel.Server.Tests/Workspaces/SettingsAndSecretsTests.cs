using System.Net;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Workspaces;

public sealed class SettingsAndSecretsTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    [Fact]
    public async Task Settings_are_read_and_partially_updated()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var initial = await ws.Http.GetAsync("/v1/settings").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("UTC", initial["timezone"]!.GetValue<string>());
        Assert.Null(initial["postal_address"]);

        var updated = await ws.Http.PatchJsonAsync("/v1/settings",
            new { postal_address = "1 Main St, Springfield", default_from_email = "Hello@Example.com" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("1 Main St, Springfield", updated["postal_address"]!.GetValue<string>());
        Assert.Equal("hello@example.com", updated["default_from_email"]!.GetValue<string>());
        Assert.Equal("UTC", updated["timezone"]!.GetValue<string>());

        var cleared = await ws.Http.PatchJsonAsync("/v1/settings", new { postal_address = (string?)null })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Null(cleared["postal_address"]);
        Assert.Equal("hello@example.com", cleared["default_from_email"]!.GetValue<string>());

        await ws.Http.PatchJsonAsync("/v1/settings", new { timezone = "Nowhere/Land" }).ExpectValidationAsync("timezone");
        await ws.Http.PatchJsonAsync("/v1/settings", new { default_from_email = "nope" }).ExpectValidationAsync("default_from_email");
        await ws.Http.PatchJsonAsync("/v1/settings", new { footer = "x" }).ExpectValidationAsync("footer");
    }

    [Fact]
    public async Task Secrets_are_write_only_and_replaceable()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var created = await ws.Http.PostJsonAsync("/v1/secrets", new { name = "crm_token", value = "s3cr3t" })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("crm_token", created["name"]!.GetValue<string>());
        Assert.Null(created["value"]);
        await ws.Http.PostJsonAsync("/v1/secrets", new { name = "crm_token", value = "rotated" }).ExpectAsync(HttpStatusCode.Created);

        var list = await ws.Http.GetAsync("/v1/secrets").ExpectAsync(HttpStatusCode.OK);
        var only = Assert.Single(list["secrets"]!.AsArray())!;
        Assert.Equal("crm_token", only["name"]!.GetValue<string>());
        Assert.DoesNotContain("rotated", list.ToJsonString(), StringComparison.Ordinal);

        // On SQLite the whole database file is searched; PostgreSQL's files are not ours to read, so there every byte
        // stored for the workspace's secrets is.
        var raw = TestBackend.IsPostgres
            ? await factory.QuerySqlAsync<byte[]>(
                "SELECT string_agg(ciphertext, ''::bytea) FROM secrets WHERE workspace_id = @WorkspaceId",
                new { ws.WorkspaceId })
            : await File.ReadAllBytesAsync(Path.Combine(factory.DataDirectory, "runnel.db"));
        Assert.NotEmpty(raw);
        Assert.DoesNotContain("rotated", System.Text.Encoding.UTF8.GetString(raw), StringComparison.Ordinal);

        await ws.Http.PostJsonAsync("/v1/secrets", new { name = "Bad-Name", value = "x" }).ExpectValidationAsync("name");
        await ws.Http.PostJsonAsync("/v1/secrets", new { name = "ok" }).ExpectValidationAsync("value");

        await ws.Http.DeleteAsync("/v1/secrets/crm_token").ExpectAsync(HttpStatusCode.NoContent);
        await ws.Http.DeleteAsync("/v1/secrets/crm_token").ExpectProblemAsync(HttpStatusCode.NotFound, "secret_not_found");
    }

    [Fact]
    public async Task Another_workspace_cannot_see_or_delete_secrets()
    {
        using var a = await factory.NewWorkspaceAsync();
        using var b = await factory.NewWorkspaceAsync();
        await a.Http.PostJsonAsync("/v1/secrets", new { name = "shared_name", value = "a" }).ExpectAsync(HttpStatusCode.Created);
        var listB = await b.Http.GetAsync("/v1/secrets").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(listB["secrets"]!.AsArray());
        await b.Http.DeleteAsync("/v1/secrets/shared_name").ExpectProblemAsync(HttpStatusCode.NotFound, "secret_not_found");
    }

    [Fact]
    public async Task Rotating_the_signing_secret_shows_a_new_whsec_each_time()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var first = await ws.Http.PostJsonAsync("/v1/webhook-signing-secret/rotate", null).ExpectAsync(HttpStatusCode.OK);
        var second = await ws.Http.PostJsonAsync("/v1/webhook-signing-secret/rotate", null).ExpectAsync(HttpStatusCode.OK);
        var a = first["secret"]!.GetValue<string>();
        var b = second["secret"]!.GetValue<string>();
        Assert.StartsWith("whsec_", a);
        Assert.NotEqual(a, b);
        Assert.Equal(32, Convert.FromBase64String(b["whsec_".Length..]).Length);
    }
}
