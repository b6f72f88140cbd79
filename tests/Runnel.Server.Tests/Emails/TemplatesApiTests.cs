using System.Net;
using Runnel.Core.Json;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Emails;

public sealed class TemplatesApiTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    private static readonly string[] TemplateMembers = ["id", "name", "html", "text", "created_at", "updated_at"];

    [Fact]
    public async Task A_template_is_created_read_listed_updated_and_deleted()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var created = await ws.CreateTemplateAsync(new { name = "Newsletter", html = "<h1>{{ contact.first_name }}</h1>" });
        Assert.Equal(TemplateMembers.Order(), created.AsObject().Select(p => p.Key).Order());
        Assert.Equal("Newsletter", created["name"]!.GetValue<string>());
        Assert.Null(created["text"]);
        Assert.Equal(UtcTimestampConverter.Format(factory.Clock.GetUtcNow()), created["created_at"]!.GetValue<string>());

        var fetched = await ws.Http.GetAsync($"/v1/templates/{created.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(created.ToJsonString(), fetched.ToJsonString());

        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await ws.CreateTemplateAsync(new { name = "Receipt", html = "<p>Thanks</p>", text = "Thanks" });
        var list = await ws.Http.GetAsync("/v1/templates?limit=1").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Receipt", Assert.Single(list["templates"]!.AsArray())!["name"]!.GetValue<string>());
        Assert.Equal(2, list["pagination"]!["total"]!.GetValue<int>());

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var patched = await ws.Http.PatchJsonAsync($"/v1/templates/{created.Id()}", new { text = "Hi {{ contact.first_name }}" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Newsletter", patched["name"]!.GetValue<string>());
        Assert.Equal("<h1>{{ contact.first_name }}</h1>", patched["html"]!.GetValue<string>());
        Assert.Equal("Hi {{ contact.first_name }}", patched["text"]!.GetValue<string>());
        Assert.Equal(UtcTimestampConverter.Format(factory.Clock.GetUtcNow()), patched["updated_at"]!.GetValue<string>());
        Assert.Equal(created["created_at"]!.GetValue<string>(), patched["created_at"]!.GetValue<string>());
        var cleared = await ws.Http.PatchJsonAsync($"/v1/templates/{created.Id()}", new { text = (string?)null, name = "Renamed" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Null(cleared["text"]);
        Assert.Equal("Renamed", cleared["name"]!.GetValue<string>());

        await ws.Http.DeleteAsync($"/v1/templates/{created.Id()}").ExpectAsync(HttpStatusCode.NoContent);
        await ws.Http.GetAsync($"/v1/templates/{created.Id()}").ExpectProblemAsync(HttpStatusCode.NotFound, "template_not_found");
        await ws.Http.DeleteAsync($"/v1/templates/{created.Id()}").ExpectProblemAsync(HttpStatusCode.NotFound, "template_not_found");
    }

    [Fact]
    public async Task Liquid_is_checked_when_a_template_is_saved()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var problem = await ws.Http.PostJsonAsync("/v1/templates", new
        {
            name = "Bad", html = "<p>\n<p>{{ contact.first_name | upcase }}\n{% endif %}", text = "{{ x | nope }}",
        }).ExpectValidationAsync("html");
        var errors = problem["errors"]!.AsArray().ToDictionary(e => e!["path"]!.GetValue<string>(), e => e!["message"]!.GetValue<string>());
        Assert.Equal("Liquid syntax error at line 3, column 1: Unknown tag 'endif'", errors["html"]);
        Assert.Equal("Liquid syntax error at line 1, column 8: unknown filter 'nope'", errors["text"]);

        var good = await ws.CreateTemplateAsync(new { name = "Good", html = "<p>ok</p>" });
        problem = await ws.Http.PatchJsonAsync($"/v1/templates/{good.Id()}", new { html = "{% include 'header' %}" })
            .ExpectValidationAsync("html");
        Assert.Contains("line 1", problem["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var unchanged = await ws.Http.GetAsync($"/v1/templates/{good.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("<p>ok</p>", unchanged["html"]!.GetValue<string>());
    }

    [Fact]
    public async Task Template_input_is_validated()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.PostJsonAsync("/v1/templates", new { name = "x" }).ExpectValidationAsync("html");
        await ws.Http.PostJsonAsync("/v1/templates", new { html = "x" }).ExpectValidationAsync("name");
        await ws.Http.PostJsonAsync("/v1/templates", new { name = new string('n', 201), html = "x" }).ExpectValidationAsync("name");
        await ws.Http.PostJsonAsync("/v1/templates", new { name = "x", html = new string('h', (512 * 1024) + 1) })
            .ExpectValidationAsync("html");
        await ws.Http.PostJsonAsync("/v1/templates", new { name = "x", html = "x", subject = "s" }).ExpectValidationAsync("subject");
        await ws.Http.PostJsonAsync("/v1/templates", new { name = "x", html = 5 }).ExpectValidationAsync("html");
        await ws.Http.PostJsonAsync("/v1/templates", "[]").ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        var template = await ws.CreateTemplateAsync(new { name = "T", html = "x" });
        await ws.Http.PatchJsonAsync($"/v1/templates/{template.Id()}", new { html = (string?)null }).ExpectValidationAsync("html");
        await ws.Http.PatchJsonAsync($"/v1/templates/{template.Id()}", new { name = " " }).ExpectValidationAsync("name");
    }

    [Fact]
    public async Task Another_workspaces_template_is_not_found_everywhere()
    {
        using var a = await factory.NewWorkspaceAsync();
        using var b = await factory.NewWorkspaceAsync();
        var template = await b.CreateTemplateAsync(new { name = "B", html = "<p>b</p>" });
        foreach (var id in new[] { template.Id(), Guid.CreateVersion7().ToString(), "not-a-uuid" })
        {
            await a.Http.GetAsync($"/v1/templates/{id}").ExpectProblemAsync(HttpStatusCode.NotFound, "template_not_found");
            await a.Http.PatchJsonAsync($"/v1/templates/{id}", new { name = "x" }).ExpectProblemAsync(HttpStatusCode.NotFound, "template_not_found");
            await a.Http.DeleteAsync($"/v1/templates/{id}").ExpectProblemAsync(HttpStatusCode.NotFound, "template_not_found");
        }

        var list = await a.Http.GetAsync("/v1/templates").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(list["templates"]!.AsArray());
        await b.Http.GetAsync($"/v1/templates/{template.Id()}").ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Templates_need_the_email_scopes()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var template = await ws.CreateTemplateAsync(new { name = "T", html = "x" });
        using var reader = await factory.ClientWithScopesAsync(ws, "EMAILS_READ");
        await reader.GetAsync("/v1/templates").ExpectAsync(HttpStatusCode.OK);
        await reader.GetAsync($"/v1/templates/{template.Id()}").ExpectAsync(HttpStatusCode.OK);
        await reader.PostJsonAsync("/v1/templates", new { name = "x", html = "x" }).ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        await reader.PatchJsonAsync($"/v1/templates/{template.Id()}", new { name = "x" }).ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        await reader.DeleteAsync($"/v1/templates/{template.Id()}").ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        using var writer = await factory.ClientWithScopesAsync(ws, "EMAILS_WRITE");
        await writer.GetAsync("/v1/templates").ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        await writer.DeleteAsync($"/v1/templates/{template.Id()}").ExpectAsync(HttpStatusCode.NoContent);
    }
}
