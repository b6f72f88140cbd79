using System.Net;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Workspaces;

public sealed class WorkspaceAndKeyTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    [Fact]
    public async Task Creating_a_workspace_returns_its_first_secret_key_once()
    {
        using var admin = factory.AdminClient();
        var created = await admin.PostJsonAsync("/v1/workspaces", new { name = "Acme", timezone = "Europe/London" })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("Acme", created["name"]!.GetValue<string>());
        Assert.Equal("Europe/London", created["timezone"]!.GetValue<string>());
        var key = created["api_key"]!.GetValue<string>();
        Assert.StartsWith("rk_secret_", key);

        using var client = factory.ClientWithKey(key);
        var keys = await client.GetAsync("/v1/api-keys").ExpectAsync(HttpStatusCode.OK);
        var first = Assert.Single(keys["api_keys"]!.AsArray())!;
        Assert.Null(first["key"]);
        Assert.Equal("*", first["scopes"]![0]!.GetValue<string>());

        var list = await admin.GetAsync("/v1/workspaces?limit=100").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(list["workspaces"]!.AsArray(), w => w!["id"]!.GetValue<string>() == created.Id());
    }

    [Fact]
    public async Task Workspace_input_is_validated()
    {
        using var admin = factory.AdminClient();
        await admin.PostJsonAsync("/v1/workspaces", new { name = "" }).ExpectValidationAsync("name");
        await admin.PostJsonAsync("/v1/workspaces", new { name = "x", timezone = "Mars/Olympus" })
            .ExpectValidationAsync("timezone");
        await admin.PostJsonAsync("/v1/workspaces", new { name = "x", color = "red" }).ExpectValidationAsync("color");
    }

    [Fact]
    public async Task Workspaces_admin_is_not_granted_by_star()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.GetAsync("/v1/workspaces").ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        await ws.Http.PostJsonAsync("/v1/api-keys", new { name = "x", kind = "secret", scopes = new[] { "WORKSPACES_ADMIN" } })
            .ExpectValidationAsync("scopes[0]");
    }

    [Fact]
    public async Task Missing_unknown_or_revoked_keys_get_401()
    {
        using var anonymous = factory.CreateClient();
        await anonymous.GetAsync("/v1/api-keys").ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        using var wrong = factory.ClientWithKey("rk_secret_nope");
        await wrong.GetAsync("/v1/api-keys").ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");

        using var ws = await factory.NewWorkspaceAsync();
        var created = await ws.Http.PostJsonAsync("/v1/api-keys",
            new { name = "temp", kind = "secret", scopes = new[] { "CONTACTS_READ" } }).ExpectAsync(HttpStatusCode.Created);
        using var temp = factory.ClientWithKey(created["key"]!.GetValue<string>());
        await temp.GetAsync("/v1/api-keys").ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");

        await ws.Http.DeleteAsync($"/v1/api-keys/{created.Id()}").ExpectAsync(HttpStatusCode.NoContent);
        await temp.GetAsync("/v1/api-keys").ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await ws.Http.DeleteAsync($"/v1/api-keys/{created.Id()}").ExpectProblemAsync(HttpStatusCode.NotFound, "api_key_not_found");
    }

    [Fact]
    public async Task Public_keys_take_only_trigger_and_event_scopes()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var created = await ws.Http.PostJsonAsync("/v1/api-keys", new
        {
            name = "browser", kind = "public", scopes = new[] { "FLOW_TRIGGER", "EVENTS_WRITE" },
            allowed_origins = new[] { "https://app.example.com" },
        }).ExpectAsync(HttpStatusCode.Created);
        Assert.StartsWith("rk_public_", created["key"]!.GetValue<string>());
        Assert.Equal("public", created["kind"]!.GetValue<string>());

        await ws.Http.PostJsonAsync("/v1/api-keys", new { name = "b", kind = "public", scopes = new[] { "CONTACTS_READ" } })
            .ExpectValidationAsync("scopes[0]");
        await ws.Http.PostJsonAsync("/v1/api-keys", new { name = "b", kind = "public", scopes = new[] { "*" } })
            .ExpectValidationAsync("scopes[0]");
        await ws.Http.PostJsonAsync("/v1/api-keys", new { name = "b", kind = "root", scopes = new[] { "*" } })
            .ExpectValidationAsync("kind");
        await ws.Http.PostJsonAsync("/v1/api-keys", new { name = "b", kind = "secret", scopes = new[] { "NOPE" } })
            .ExpectValidationAsync("scopes[0]");
        await ws.Http.PostJsonAsync("/v1/api-keys", new { name = "b", kind = "secret", scopes = "*" })
            .ExpectValidationAsync("scopes");
    }

    [Fact]
    public async Task Public_key_origins_are_enforced_for_cors()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var created = await ws.Http.PostJsonAsync("/v1/api-keys", new
        {
            name = "browser", kind = "public", scopes = new[] { "EVENTS_WRITE" },
            allowed_origins = new[] { "https://app.example.com" },
        }).ExpectAsync(HttpStatusCode.Created);
        using var browser = factory.ClientWithKey(created["key"]!.GetValue<string>());

        var allowed = new HttpRequestMessage(HttpMethod.Get, "/v1/api-keys");
        allowed.Headers.Add("Origin", "https://app.example.com");
        using var allowedResponse = await browser.SendAsync(allowed);
        Assert.Equal("https://app.example.com", allowedResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());

        var denied = new HttpRequestMessage(HttpMethod.Get, "/v1/api-keys");
        denied.Headers.Add("Origin", "https://evil.example.net");
        using var deniedResponse = await browser.SendAsync(denied);
        // The refused origin can read its 403 (a typed error in the browser SDK, not an opaque CORS failure).
        Assert.Equal("https://evil.example.net", deniedResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
        await Task.FromResult(deniedResponse).ExpectProblemAsync(HttpStatusCode.Forbidden, "origin_not_allowed");
    }

    [Fact]
    public async Task Another_workspaces_key_id_is_not_found()
    {
        using var a = await factory.NewWorkspaceAsync("A");
        using var b = await factory.NewWorkspaceAsync("B");
        var created = await a.Http.PostJsonAsync("/v1/api-keys",
            new { name = "k", kind = "secret", scopes = new[] { "*" } }).ExpectAsync(HttpStatusCode.Created);
        await b.Http.DeleteAsync($"/v1/api-keys/{created.Id()}").ExpectProblemAsync(HttpStatusCode.NotFound, "api_key_not_found");
        await b.Http.DeleteAsync("/v1/api-keys/not-a-uuid").ExpectProblemAsync(HttpStatusCode.NotFound, "api_key_not_found");
        var keysOfA = await a.Http.GetAsync("/v1/api-keys").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, keysOfA["pagination"]!["total"]!.GetValue<int>());
    }
}
