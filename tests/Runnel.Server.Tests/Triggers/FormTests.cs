using System.Net;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Triggers;

/// <summary>API.md §9: forms, public submissions (JSON and urlencoded) and the form_submitted trigger.</summary>
public sealed class FormTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    private static object Fields(string? listId = null, string? redirect = null) => new
    {
        name = "Signup",
        fields = new object[]
        {
            new { name = "email", type = "email", required = true },
            new { name = "first_name", type = "text", required = false },
            new { name = "agree", type = "checkbox", required = true },
        },
        list_id = listId,
        redirect_url = redirect,
    };

    [Fact]
    public async Task Submissions_upsert_add_to_the_list_and_fire_form_submitted_for_that_form_and_page_only()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var list = await ws.StaticListAsync();
        var form = (await ws.Http.PostJsonAsync("/v1/forms", Fields(list)).ExpectAsync(HttpStatusCode.Created)).Id();
        var other = (await ws.Http.PostJsonAsync("/v1/forms", Fields()).ExpectAsync(HttpStatusCode.Created)).Id();
        var page = (await ws.Http.PostJsonAsync("/v1/pages",
                new { name = "Signup", alias = $"signup-{Guid.NewGuid():N}", html = "{{form}}", form_id = form, published = true })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var anyPage = await ws.WaitingFlowAsync($$"""[{"type":"form_submitted","form_id":"{{form}}"}]""");
        var onPage = await ws.WaitingFlowAsync(
            $$"""[{"type":"form_submitted","form_id":"{{form}}","page_id":"{{page}}"}]""");
        using var browser = factory.CreateClient();

        var json = (await browser.PostJsonAsync($"/forms/{form}/submit",
            new { email = "Ada@X.test", first_name = "Ada", agree = true, page_id = page })
            .ExpectAsync(HttpStatusCode.Created)).Id("contact_id");
        using var urlEncoded = await browser.PostAsync($"/forms/{form}/submit", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["email"] = "bob@x.test", ["agree"] = "on" }));
        Assert.Equal(HttpStatusCode.OK, urlEncoded.StatusCode);
        Assert.Contains("Thank you", await urlEncoded.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await browser.PostJsonAsync($"/forms/{other}/submit", new { email = "carl@x.test", agree = true })
            .ExpectAsync(HttpStatusCode.Created);

        var bob = (await ws.Http.GetAsync("/v1/contacts?email=bob@x.test").ExpectAsync(HttpStatusCode.OK))
            ["contacts"]![0]!.Id();
        Assert.Equal(new[] { json, bob }.Order().ToArray(), await ws.EnteredAsync(anyPage));
        Assert.Equal([json], await ws.EnteredAsync(onPage));
        var contact = await ws.Http.GetAsync($"/v1/contacts/{json}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("ada@x.test", contact["email"]!.GetValue<string>());
        Assert.Equal("Ada", contact["first_name"]!.GetValue<string>());
        var members = await ws.Http.GetAsync($"/v1/lists/{list}/contacts").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, members["contacts"]!.AsArray().Count);
    }

    [Fact]
    public async Task Invalid_submissions_answer_a_problem_or_the_page_again_and_change_nothing()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var form = (await ws.Http.PostJsonAsync("/v1/forms", Fields(redirect: "https://example.com/thanks"))
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var flowId = await ws.WaitingFlowAsync($$"""[{"type":"form_submitted","form_id":"{{form}}"}]""");
        using var browser = factory.CreateClient(new() { AllowAutoRedirect = false });

        await browser.PostJsonAsync($"/forms/{form}/submit", new { email = "not-an-email", agree = false })
            .ExpectValidationAsync("email");
        using var html = await browser.PostAsync($"/forms/{form}/submit", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["email"] = "ok@x.test", ["first_name"] = "<b>Eve</b>" }));
        Assert.Equal(HttpStatusCode.BadRequest, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        var page = await html.Content.ReadAsStringAsync();
        Assert.Contains("must be checked", page, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Eve&lt;/b&gt;", page, StringComparison.Ordinal);
        await browser.PostJsonAsync($"/forms/{Guid.CreateVersion7()}/submit", new { email = "a@x.test" })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "form_not_found");
        Assert.Empty(await ws.EnteredAsync(flowId));

        using var redirected = await browser.PostAsync($"/forms/{form}/submit", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["email"] = "ok@x.test", ["agree"] = "on" }));
        Assert.Equal(HttpStatusCode.SeeOther, redirected.StatusCode);
        Assert.Equal("https://example.com/thanks", redirected.Headers.Location?.ToString());
        Assert.Single(await ws.EnteredAsync(flowId));
    }

    [Fact]
    public async Task Forms_crud_validates_and_hides_other_workspaces()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var stranger = await factory.NewWorkspaceAsync();
        await ws.Http.PostJsonAsync("/v1/forms", new { name = "x", fields = new[] { new { name = "n", type = "text" } } })
            .ExpectValidationAsync("fields");
        await ws.Http.PostJsonAsync("/v1/forms", new { name = "x", fields = new[] { new { name = "e", type = "date" } } })
            .ExpectValidationAsync("fields[0].type");
        var form = await ws.Http.PostJsonAsync("/v1/forms", Fields()).ExpectAsync(HttpStatusCode.Created);
        var renamed = await ws.Http.PatchJsonAsync($"/v1/forms/{form.Id()}", new { name = "Renamed" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Renamed", renamed["name"]!.GetValue<string>());
        Assert.Equal(3, renamed["fields"]!.AsArray().Count);
        var listed = await ws.Http.GetAsync("/v1/forms").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, listed["pagination"]!["total"]!.GetValue<int>());
        await stranger.Http.GetAsync($"/v1/forms/{form.Id()}").ExpectProblemAsync(HttpStatusCode.NotFound,
            "form_not_found");
        using var deleted = await ws.Http.DeleteAsync($"/v1/forms/{form.Id()}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ws.Http.GetAsync($"/v1/forms/{form.Id()}").ExpectProblemAsync(HttpStatusCode.NotFound, "form_not_found");
    }
}
