using System.Net;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Contacts;

public sealed class CustomFieldTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    [Fact]
    public async Task Custom_fields_are_created_listed_and_patched()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var created = await ws.Http.PostJsonAsync("/v1/custom-fields", new { api_name = "plan", label = "Plan", type = "text" })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(new[] { "api_name", "label", "type", "status", "created_at", "updated_at" },
            created.AsObject().Select(p => p.Key).ToArray());
        Assert.Equal("plan", created.Str("api_name"));
        Assert.Equal("Plan", created.Str("label"));
        Assert.Equal("text", created.Str("type"));
        Assert.Equal("active", created.Str("status"));
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await ws.CreateFieldAsync("trial_ends_at", "datetime");

        var list = await ws.Http.GetAsync("/v1/custom-fields").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(new[] { "plan", "trial_ends_at" },
            list["custom_fields"]!.AsArray().Select(f => f!.Str("api_name")).ToArray());
        Assert.Equal(2, list["pagination"]!["total"]!.GetValue<long>());
        var page = await ws.Http.GetAsync("/v1/custom-fields?limit=1&page=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("trial_ends_at", page["custom_fields"]![0]!.Str("api_name"));

        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var patched = await ws.Http.PatchJsonAsync("/v1/custom-fields/plan", new { label = "Billing plan", status = "archived" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Billing plan", patched.Str("label"));
        Assert.Equal("archived", patched.Str("status"));
        Assert.Equal("text", patched.Str("type"));
        Assert.NotEqual(patched.Str("created_at"), patched.Str("updated_at"));
        var reactivated = await ws.Http.PatchJsonAsync("/v1/custom-fields/plan", new { status = "active" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Billing plan", reactivated.Str("label"));
        Assert.Equal("active", reactivated.Str("status"));
    }

    [Fact]
    public async Task Custom_field_input_is_checked()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.CreateFieldAsync("plan", "text");
        await ws.Http.PostJsonAsync("/v1/custom-fields", new { api_name = "plan", label = "Again", type = "number" })
            .ExpectProblemAsync(HttpStatusCode.Conflict, "custom_field_exists");
        foreach (var bad in new[] { "Plan", "1plan", "plan-name", "", new string('a', 64) })
        {
            await ws.Http.PostJsonAsync("/v1/custom-fields", new { api_name = bad, label = "x", type = "text" })
                .ExpectValidationAsync("api_name");
        }

        await ws.Http.PostJsonAsync("/v1/custom-fields", new { api_name = new string('a', 63), label = "x", type = "text" })
            .ExpectAsync(HttpStatusCode.Created);
        foreach (var standard in new[] { "email", "first_name", "created_at", "phone", "external_id", "timezone" })
        {
            await ws.Http.PostJsonAsync("/v1/custom-fields", new { api_name = standard, label = "x", type = "text" })
                .ExpectValidationAsync("api_name");
        }

        await ws.Http.PostJsonAsync("/v1/custom-fields", new { api_name = "score", label = "x", type = "integer" })
            .ExpectValidationAsync("type");
        await ws.Http.PostJsonAsync("/v1/custom-fields", new { api_name = "score", type = "number" })
            .ExpectValidationAsync("label");
        await ws.Http.PostJsonAsync("/v1/custom-fields", new { api_name = "score", label = new string('l', 201), type = "number" })
            .ExpectValidationAsync("label");
        await ws.Http.PostJsonAsync("/v1/custom-fields", new { label = "x", type = "number" }).ExpectValidationAsync("api_name");
        await ws.Http.PostJsonAsync("/v1/custom-fields", new { api_name = "score", label = "x", type = "number", status = "active" })
            .ExpectValidationAsync("status");

        await ws.Http.PatchJsonAsync("/v1/custom-fields/plan", new { status = "deleted" }).ExpectValidationAsync("status");
        await ws.Http.PatchJsonAsync("/v1/custom-fields/plan", new { label = (string?)null }).ExpectValidationAsync("label");
        await ws.Http.PatchJsonAsync("/v1/custom-fields/plan", new { type = "number" }).ExpectValidationAsync("type");
        await ws.Http.PatchJsonAsync("/v1/custom-fields/nope", new { label = "x" })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "custom_field_not_found");
        await ws.Http.PatchJsonAsync("/v1/custom-fields/Not%20A%20Name", new { label = "x" })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "custom_field_not_found");
    }

    [Fact]
    public async Task Custom_fields_belong_to_one_workspace()
    {
        using var a = await factory.NewWorkspaceAsync();
        using var b = await factory.NewWorkspaceAsync();
        await a.CreateFieldAsync("plan", "text");
        await b.Http.PatchJsonAsync("/v1/custom-fields/plan", new { label = "Mine" })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "custom_field_not_found");
        Assert.Empty((await b.Http.GetAsync("/v1/custom-fields").ExpectAsync(HttpStatusCode.OK))["custom_fields"]!.AsArray());
        await b.Http.PostJsonAsync("/v1/contacts", new { email = "b@example.com", fields = new { plan = "pro" } })
            .ExpectValidationAsync("fields.plan");
        await b.CreateFieldAsync("plan", "number");
        var contact = await b.CreateContactAsync(new { email = "b@example.com", fields = new { plan = 3 } });
        Assert.Equal(3, contact["fields"]!["plan"]!.GetValue<int>());
    }

    [Fact]
    public async Task Typed_values_are_checked_normalised_merged_and_removed_by_null()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await CreateOneFieldOfEachTypeAsync(ws);

        var contact = await ws.CreateContactAsync(new
        {
            email = "typed@example.com",
            fields = new
            {
                plan = "pro", seats = 2.5, vip = true, trial_ends_on = "2026-12-01",
                last_login_at = "2026-11-22T10:30:00+01:00",
            },
        });
        var fields = contact["fields"]!;
        Assert.Equal("pro", fields.Str("plan"));
        Assert.Equal(2.5, fields["seats"]!.GetValue<double>());
        Assert.True(fields["vip"]!.GetValue<bool>());
        Assert.Equal("2026-12-01", fields.Str("trial_ends_on"));
        Assert.Equal("2026-11-22T09:30:00Z", fields.Str("last_login_at"));

        var id = contact.Str("id");
        var patched = await ws.Http.PatchJsonAsync($"/v1/contacts/{id}",
            new { fields = new { plan = (string?)null, seats = 10 } }).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(patched["fields"]!["plan"]);
        Assert.False(patched["fields"]!.AsObject().ContainsKey("plan"));
        Assert.Equal(10, patched["fields"]!["seats"]!.GetValue<int>());
        Assert.True(patched["fields"]!["vip"]!.GetValue<bool>());

        var upserted = await ws.Http.PostJsonAsync("/v1/contacts",
            new { email = "typed@example.com", fields = new { vip = false } }).ExpectAsync(HttpStatusCode.OK);
        Assert.False(upserted["contact"]!["fields"]!["vip"]!.GetValue<bool>());
        Assert.Equal(10, upserted["contact"]!["fields"]!["seats"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("plan", "42")]
    [InlineData("plan", "true")]
    [InlineData("plan", "{\"a\":1}")]
    [InlineData("seats", "\"3\"")]
    [InlineData("seats", "1e400")]
    [InlineData("seats", "[1]")]
    [InlineData("vip", "\"true\"")]
    [InlineData("vip", "1")]
    [InlineData("trial_ends_on", "\"2026-02-30\"")]
    [InlineData("trial_ends_on", "\"2026-12-01T00:00:00Z\"")]
    [InlineData("trial_ends_on", "\"01/12/2026\"")]
    [InlineData("last_login_at", "\"2026-11-22T10:30:00\"")]
    [InlineData("last_login_at", "\"2026-11-22\"")]
    [InlineData("last_login_at", "1764000000")]
    [InlineData("unknown_field", "\"x\"")]
    public async Task Wrong_typed_or_unknown_values_are_validation_errors_at_their_field(string field, string json)
    {
        using var ws = await factory.NewWorkspaceAsync();
        await CreateOneFieldOfEachTypeAsync(ws);
        await ws.Http.PostJsonAsync("/v1/contacts", $"{{\"email\":\"t@example.com\",\"fields\":{{\"{field}\":{json}}}}}")
            .ExpectValidationAsync($"fields.{field}");
        Assert.Empty((await ws.Http.GetAsync("/v1/contacts").ExpectAsync(HttpStatusCode.OK))["contacts"]!.AsArray());
    }

    [Fact]
    public async Task Text_values_are_limited_and_every_bad_field_is_reported()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.CreateFieldAsync("bio", "text");
        await ws.CreateFieldAsync("seats", "number");
        await ws.CreateContactAsync(new { email = "ok@example.com", fields = new { bio = new string('b', 10_000) } });
        var problem = await ws.Http.PostJsonAsync("/v1/contacts",
                new { email = "long@example.com", fields = new { bio = new string('b', 10_001), seats = "many" } })
            .ExpectValidationAsync("fields.bio");
        Assert.Contains(problem["errors"]!.AsArray(), e => e!.Str("path") == "fields.seats");
    }

    [Fact]
    public async Task Archived_fields_take_no_writes_but_keep_their_values()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.CreateFieldAsync("plan", "text");
        var contact = await ws.CreateContactAsync(new { email = "arch@example.com", fields = new { plan = "pro" } });
        await ws.Http.PatchJsonAsync("/v1/custom-fields/plan", new { status = "archived" }).ExpectAsync(HttpStatusCode.OK);

        var path = $"/v1/contacts/{contact.Str("id")}";
        await ws.Http.PatchJsonAsync(path, new { fields = new { plan = "basic" } }).ExpectValidationAsync("fields.plan");
        await ws.Http.PatchJsonAsync(path, new { fields = new JsonObject { ["plan"] = null } }).ExpectValidationAsync("fields.plan");
        await ws.Http.PostJsonAsync("/v1/contacts", new { email = "new@example.com", fields = new { plan = "pro" } })
            .ExpectValidationAsync("fields.plan");

        var kept = await ws.Http.GetAsync(path).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("pro", kept["fields"]!.Str("plan"));
    }

    private static async Task CreateOneFieldOfEachTypeAsync(WorkspaceClient ws)
    {
        await ws.CreateFieldAsync("plan", "text");
        await ws.CreateFieldAsync("seats", "number");
        await ws.CreateFieldAsync("vip", "boolean");
        await ws.CreateFieldAsync("trial_ends_on", "date");
        await ws.CreateFieldAsync("last_login_at", "datetime");
    }
}
