using System.Net;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Pages;

/// <summary>API.md §13: /v1/pages — create, read, list, update, delete; aliases, templates, forms and bad input.</summary>
public sealed class PagesApiTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    [Fact]
    public async Task Pages_are_created_read_listed_updated_and_deleted()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var alias = PageScenario.NewAlias("offer");
        var created = await ws.CreatePageAsync(new { name = "Winter offer", alias, html = "<h1>Offer</h1>" });
        var id = created.Id();
        Assert.Equal("Winter offer", created["name"]!.GetValue<string>());
        Assert.Equal(alias, created["alias"]!.GetValue<string>());
        Assert.EndsWith($"/p/{alias}", created["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("<h1>Offer</h1>", created["html"]!.GetValue<string>());
        Assert.False(created["published"]!.GetValue<bool>());
        Assert.Null(created["template_id"]);
        Assert.Null(created["form_id"]);
        Assert.Null(created["member_id"]);
        Assert.Equal(0, created["views"]!.GetValue<long>());
        Assert.Equal(0, created["submissions"]!.GetValue<long>());

        var read = await ws.Http.GetAsync($"/v1/pages/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(created.ToJsonString(), read.ToJsonString());

        await ws.CreatePageAsync(new { name = "Spring", alias = PageScenario.NewAlias("spring"), html = "<p>x</p>" });
        var all = await ws.Http.GetAsync("/v1/pages?limit=1").ExpectAsync(HttpStatusCode.OK);
        Assert.Single(all["pages"]!.AsArray());
        Assert.Equal(2, all["pagination"]!["total"]!.GetValue<long>());
        var found = await ws.Http.GetAsync("/v1/pages?search=WINTER").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(found["pages"]!.AsArray())!.Id());
        var byAlias = await ws.Http.GetAsync($"/v1/pages?search={alias[..10]}").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(byAlias["pages"]!.AsArray(), p => p!.Id() == id);

        var newAlias = PageScenario.NewAlias("renamed");
        var updated = await ws.Http.PatchJsonAsync($"/v1/pages/{id}",
            new { name = "Renamed", alias = newAlias, published = true }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Renamed", updated["name"]!.GetValue<string>());
        Assert.Equal(newAlias, updated["alias"]!.GetValue<string>());
        Assert.True(updated["published"]!.GetValue<bool>());
        Assert.Equal("<h1>Offer</h1>", updated["html"]!.GetValue<string>());

        await ws.Http.DeleteAsync($"/v1/pages/{id}").ExpectAsync(HttpStatusCode.NoContent);
        await ws.Http.GetAsync($"/v1/pages/{id}").ExpectProblemAsync(HttpStatusCode.NotFound, "page_not_found");
        await ws.Http.DeleteAsync($"/v1/pages/{id}").ExpectProblemAsync(HttpStatusCode.NotFound, "page_not_found");
    }

    [Fact]
    public async Task Aliases_follow_the_pattern_and_are_unique_across_workspaces()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync("Other");
        foreach (var bad in new[] { "", "-leading", "Upper", "has space", "under_score", "dot.ted", new string('a', 64), "é" })
        {
            await ws.Http.PostJsonAsync("/v1/pages", new { name = "P", alias = bad, html = "<p>x</p>" })
                .ExpectValidationAsync("alias");
        }

        // The longest alias, 63 characters, is fine.
        await ws.CreatePageAsync(new { name = "P", alias = ("m" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"))[..63], html = "x" });
        var alias = PageScenario.NewAlias("taken");
        var first = await ws.CreatePageAsync(new { name = "P", alias, html = "<p>1</p>" });
        await ws.Http.PostJsonAsync("/v1/pages", new { name = "P", alias, html = "<p>2</p>" })
            .ExpectProblemAsync(HttpStatusCode.Conflict, "page_alias_taken");
        // Aliases name pages on the whole server (/p/{alias} has no workspace): another workspace cannot take it.
        await other.Http.PostJsonAsync("/v1/pages", new { name = "P", alias, html = "<p>3</p>" })
            .ExpectProblemAsync(HttpStatusCode.Conflict, "page_alias_taken");
        var second = await ws.CreatePageAsync(new { name = "P", alias = PageScenario.NewAlias(), html = "<p>4</p>" });
        await ws.Http.PatchJsonAsync($"/v1/pages/{second.Id()}", new { alias })
            .ExpectProblemAsync(HttpStatusCode.Conflict, "page_alias_taken");
        await ws.Http.PatchJsonAsync($"/v1/pages/{second.Id()}", new { alias = "Bad Alias" })
            .ExpectValidationAsync("alias");
        // Keeping its own alias is no conflict.
        await ws.Http.PatchJsonAsync($"/v1/pages/{first.Id()}", new { alias }).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_page_from_a_template_copies_its_html_and_unknown_or_foreign_ids_are_refused()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync("Other");
        var template = (await ws.Http.PostJsonAsync("/v1/templates", new { name = "T", html = "<h1>From template</h1>{{form}}" })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var page = await ws.CreatePageAsync(new { name = "P", alias = PageScenario.NewAlias(), template_id = template });
        Assert.Equal(template, page["template_id"]!.GetValue<string>());
        Assert.Equal("<h1>From template</h1>{{form}}", page["html"]!.GetValue<string>());

        var foreignTemplate = (await other.Http.PostJsonAsync("/v1/templates", new { name = "T", html = "<p>x</p>" })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var foreignForm = await other.SignupFormAsync();
        await ws.Http.PostJsonAsync("/v1/pages", new { name = "P", alias = PageScenario.NewAlias(), template_id = foreignTemplate })
            .ExpectValidationAsync("template_id");
        await ws.Http.PostJsonAsync("/v1/pages", new { name = "P", alias = PageScenario.NewAlias(), template_id = Guid.CreateVersion7() })
            .ExpectValidationAsync("template_id");
        await ws.Http.PostJsonAsync("/v1/pages", new { name = "P", alias = PageScenario.NewAlias(), template_id = "nope" })
            .ExpectValidationAsync("template_id");
        await ws.Http.PostJsonAsync("/v1/pages", new { name = "P", alias = PageScenario.NewAlias(), html = "x", form_id = foreignForm })
            .ExpectValidationAsync("form_id");
        await ws.Http.PostJsonAsync("/v1/pages", new { name = "P", alias = PageScenario.NewAlias(), html = "x", form_id = Guid.CreateVersion7() })
            .ExpectValidationAsync("form_id");
        await ws.Http.PatchJsonAsync($"/v1/pages/{page.Id()}", new { form_id = foreignForm }).ExpectValidationAsync("form_id");
        await ws.Http.PostJsonAsync("/v1/pages", new { name = "P", alias = PageScenario.NewAlias(), html = "x", template_id = template })
            .ExpectValidationAsync("html");
        await ws.Http.PostJsonAsync("/v1/pages", new { name = "P", alias = PageScenario.NewAlias() }).ExpectValidationAsync("html");
        await ws.Http.PostJsonAsync("/v1/pages", new { alias = PageScenario.NewAlias(), html = "x" }).ExpectValidationAsync("name");
        await ws.Http.PostJsonAsync("/v1/pages", new { name = "P", alias = PageScenario.NewAlias(), html = "x", colour = "red" })
            .ExpectValidationAsync("colour");

        // Another workspace's page is not found, for reading, changing and deleting alike.
        await other.Http.GetAsync($"/v1/pages/{page.Id()}").ExpectProblemAsync(HttpStatusCode.NotFound, "page_not_found");
        await other.Http.PatchJsonAsync($"/v1/pages/{page.Id()}", new { name = "Mine" })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "page_not_found");
        await other.Http.DeleteAsync($"/v1/pages/{page.Id()}").ExpectProblemAsync(HttpStatusCode.NotFound, "page_not_found");
        await ws.Http.GetAsync("/v1/pages/not-a-uuid").ExpectProblemAsync(HttpStatusCode.NotFound, "page_not_found");
    }

    [Fact]
    public async Task Oversize_html_and_templates_that_try_to_leave_the_sandbox_are_refused()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var limit = 256 * 1024;
        await ws.Http.PostJsonAsync("/v1/pages", new { name = "P", alias = PageScenario.NewAlias(), html = new string('x', limit + 1) })
            .ExpectValidationAsync("html");
        await ws.CreatePageAsync(new { name = "P", alias = PageScenario.NewAlias(), html = new string('x', limit) });
        foreach (var escape in new[]
                 {
                     "{% include '/etc/passwd' %}", "{% render 'secrets' %}", "{{ 'x' | no_such_filter }}", "{% if %}",
                     "{% for i in (1..100000) %}{% for j in (1..100000) %}x{% endfor %}{% endfor %}",
                 })
        {
            await ws.Http.PostJsonAsync("/v1/pages", new { name = "P", alias = PageScenario.NewAlias(), html = escape })
                .ExpectValidationAsync("html");
        }

        var page = await ws.CreatePageAsync(new { name = "P", alias = PageScenario.NewAlias(), html = "<p>ok</p>" });
        await ws.Http.PatchJsonAsync($"/v1/pages/{page.Id()}", new { html = "{% include 'x' %}" }).ExpectValidationAsync("html");
        await ws.Http.PatchJsonAsync($"/v1/pages/{page.Id()}", new { html = (string?)null }).ExpectValidationAsync("html");
        await ws.Http.PatchJsonAsync($"/v1/pages/{page.Id()}", new { published = (bool?)null }).ExpectValidationAsync("published");
        var unchanged = await ws.Http.GetAsync($"/v1/pages/{page.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("<p>ok</p>", unchanged["html"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_page_an_active_flows_trigger_uses_cannot_be_deleted_unpublished_or_lose_its_form()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var form = await ws.SignupFormAsync();
        var page = (await ws.CreatePageAsync(new
        {
            name = "P", alias = PageScenario.NewAlias(), html = "{{form}}", form_id = form, published = true,
        })).Id();
        var flow = await ws.ActiveFlowAsync($$"""
            {"triggers":[{"type":"form_submitted","form_id":"{{form}}","page_id":"{{page}}"}],
             "steps":[{"step_id":"w","type":"wait","duration_amount":1,"duration_unit":"days"}]}
            """);

        await ws.Http.DeleteAsync($"/v1/pages/{page}").ExpectProblemAsync(HttpStatusCode.Conflict, "page_in_use");
        await ws.Http.PatchJsonAsync($"/v1/pages/{page}", new { published = false })
            .ExpectProblemAsync(HttpStatusCode.Conflict, "page_in_use");
        await ws.Http.PatchJsonAsync($"/v1/pages/{page}", new { form_id = (string?)null })
            .ExpectProblemAsync(HttpStatusCode.Conflict, "page_in_use");
        // Content edits do not break the trigger.
        await ws.Http.PatchJsonAsync($"/v1/pages/{page}", new { name = "New name", html = "<h1>Hi</h1>{{form}}" })
            .ExpectAsync(HttpStatusCode.OK);

        await ws.Http.PostJsonAsync($"/v1/flows/{flow}/pause", null).ExpectAsync(HttpStatusCode.OK);
        await ws.Http.DeleteAsync($"/v1/pages/{page}").ExpectAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Activation_reports_a_page_scoped_trigger_whose_page_is_missing_or_shows_another_form()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var form = await ws.SignupFormAsync();
        var otherForm = await ws.SignupFormAsync();
        var page = (await ws.CreatePageAsync(new { name = "P", alias = PageScenario.NewAlias(), html = "{{form}}", form_id = otherForm })).Id();
        var flow = (await ws.Http.PostJsonAsync("/v1/flows", JsonNode.Parse($$"""
            {"name":"F","triggers":[{"type":"form_submitted","form_id":"{{form}}","page_id":"{{page}}"},
                                    {"type":"form_submitted","form_id":"{{form}}","page_id":"{{Guid.CreateVersion7()}}"}],
             "steps":[{"step_id":"w","type":"wait","duration_amount":1,"duration_unit":"days"}]}
            """)!.ToJsonString()).ExpectAsync(HttpStatusCode.Created)).Id();
        var problem = await ws.Http.PostJsonAsync($"/v1/flows/{flow}/activate", null)
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "flow_not_ready");
        var paths = problem["missing"]!.AsArray().Select(m => m!["path"]!.GetValue<string>()).ToArray();
        Assert.Contains("triggers[0].page_id", paths);
        Assert.Contains("triggers[1].page_id", paths);
    }
}
