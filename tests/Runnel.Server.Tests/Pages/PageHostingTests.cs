using System.Net;
using System.Text.RegularExpressions;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;
using Runnel.Server.Tests.Triggers;

namespace Runnel.Server.Tests.Pages;

/// <summary>API.md §13: /p/{alias} — published pages only, sandboxed Liquid, CSP, the page's form and its submissions.</summary>
public sealed partial class PageHostingTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    [Fact]
    public async Task Only_published_pages_are_served_and_unpublishing_hides_a_page_again()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var alias = PageScenario.NewAlias();
        var id = (await ws.CreatePageAsync(new { name = "P", alias, html = "<h1>Hello {{ contact.first_name }}</h1>" })).Id();

        var (hidden, hiddenHtml) = await factory.ViewAsync(alias);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal("text/html", hidden.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Page not found", hiddenHtml, StringComparison.Ordinal);
        var (unknown, _) = await factory.ViewAsync(PageScenario.NewAlias("unknown"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var (invalid, _) = await factory.ViewAsync("NOT%20an%20alias");
        Assert.Equal(HttpStatusCode.NotFound, invalid.StatusCode);

        await ws.Http.PatchJsonAsync($"/v1/pages/{id}", new { published = true }).ExpectAsync(HttpStatusCode.OK);
        var (shown, html) = await factory.ViewAsync(alias);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal("text/html", shown.Content.Headers.ContentType?.MediaType);
        // A shared page knows no contact: the token renders empty.
        Assert.Equal("<h1>Hello </h1>", html);
        await factory.ViewAsync(alias);
        var counted = await ws.Http.GetAsync($"/v1/pages/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, counted["views"]!.GetValue<long>());

        await ws.Http.PatchJsonAsync($"/v1/pages/{id}", new { published = false }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.ViewAsync(alias)).Response.StatusCode);
    }

    [Fact]
    public async Task Pages_are_served_with_a_restrictive_content_security_policy()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var alias = PageScenario.NewAlias();
        await ws.CreatePageAsync(new { name = "P", alias, html = "<script>alert(1)</script><p>x</p>", published = true });
        var (response, _) = await factory.ViewAsync(alias);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("base-uri 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        // A shared page may be indexed; only member pages carry noindex.
        Assert.False(response.Headers.Contains("X-Robots-Tag"));
        var (missing, _) = await factory.ViewAsync(PageScenario.NewAlias("gone"));
        Assert.Contains("default-src 'none'", missing.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_without_a_form_token_or_form_renders_no_form()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var alias = PageScenario.NewAlias();
        await ws.CreatePageAsync(new { name = "P", alias, html = "<main>{{ form }}</main>", published = true });
        var (_, html) = await factory.ViewAsync(alias);
        Assert.Equal("<main></main>", html);
    }

    [Fact]
    public async Task The_form_on_a_page_submits_with_its_page_id_and_fires_only_the_page_scoped_trigger()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var form = await ws.SignupFormAsync();
        var alias = PageScenario.NewAlias("signup");
        var page = (await ws.CreatePageAsync(new
        {
            name = "Signup", alias, html = "<h1>Join</h1>{{form}}<footer>f</footer>", form_id = form, published = true,
        })).Id();
        var otherPage = (await ws.CreatePageAsync(new
        {
            name = "Other", alias = PageScenario.NewAlias("other"), html = "{{form}}", form_id = form, published = true,
        })).Id();
        var onPage = await ws.WaitingFlowAsync($$"""[{"type":"form_submitted","form_id":"{{form}}","page_id":"{{page}}"}]""");
        var onOther = await ws.WaitingFlowAsync($$"""[{"type":"form_submitted","form_id":"{{form}}","page_id":"{{otherPage}}"}]""");

        var (_, html) = await factory.ViewAsync(alias);
        Assert.StartsWith("<h1>Join</h1><form", html, StringComparison.Ordinal);
        Assert.EndsWith("</form><footer>f</footer>", html, StringComparison.Ordinal);
        var action = FormAction().Match(html);
        Assert.True(action.Success, html);
        Assert.Equal($"/forms/{form}/submit", action.Groups[1].Value);
        Assert.Contains($"<input type=\"hidden\" name=\"page_id\" value=\"{page}\">", html, StringComparison.Ordinal);

        // What a browser sends for that form.
        using var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
        });
        using var sent = await browser.PostAsync(action.Groups[1].Value, new FormUrlEncodedContent(
            new Dictionary<string, string> { ["email"] = "ada@example.com", ["first_name"] = "Ada", ["page_id"] = page }));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var contact = (await ws.Http.GetAsync("/v1/contacts?email=ada@example.com").ExpectAsync(HttpStatusCode.OK))
            ["contacts"]![0]!.Id();
        Assert.Equal([contact], await ws.EnteredAsync(onPage));
        Assert.Empty(await ws.EnteredAsync(onOther));
        var counted = await ws.Http.GetAsync($"/v1/pages/{page}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, counted["submissions"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_submission_naming_a_page_that_does_not_show_the_form_is_refused()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync("Other");
        var form = await ws.SignupFormAsync();
        var plain = (await ws.CreatePageAsync(new { name = "P", alias = PageScenario.NewAlias(), html = "x" })).Id();
        var foreignForm = await other.SignupFormAsync();
        var foreign = (await other.CreatePageAsync(new
        {
            name = "P", alias = PageScenario.NewAlias(), html = "{{form}}", form_id = foreignForm, published = true,
        })).Id();
        using var browser = factory.CreateClient();
        foreach (var pageId in new[] { plain, foreign, Guid.CreateVersion7().ToString() })
        {
            await browser.PostJsonAsync($"/forms/{form}/submit", new { email = "eve@example.com", page_id = pageId })
                .ExpectValidationAsync("page_id");
        }

        await browser.PostJsonAsync($"/forms/{form}/submit", new { email = "eve@example.com", page_id = "nope" })
            .ExpectValidationAsync("page_id");
        var contacts = await ws.Http.GetAsync("/v1/contacts?email=eve@example.com").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(contacts["contacts"]!.AsArray());
    }

    [Fact]
    public async Task A_page_shows_its_forms_errors_in_place_and_follows_redirect_url_on_success()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var form = await ws.SignupFormAsync(redirect: "https://example.com/thanks");
        var alias = PageScenario.NewAlias();
        var page = (await ws.CreatePageAsync(new
        {
            name = "P", alias, html = "<h1>Join us</h1>{{form}}", form_id = form, published = true,
        })).Id();
        var (view, _) = await factory.ViewAsync(alias);
        Assert.Contains("form-action 'self' https://example.com", view.Headers.GetValues("Content-Security-Policy").Single(),
            StringComparison.Ordinal);
        using var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
        });

        using var invalid = await browser.PostAsync($"/forms/{form}/submit", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["email"] = "not-an-email", ["first_name"] = "<b>Eve</b>", ["page_id"] = page }));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var html = await invalid.Content.ReadAsStringAsync();
        Assert.StartsWith("<h1>Join us</h1><form", html, StringComparison.Ordinal);
        Assert.Contains("must be an email address", html, StringComparison.Ordinal);
        Assert.Contains("value=\"&lt;b&gt;Eve&lt;/b&gt;\"", html, StringComparison.Ordinal);
        Assert.Contains($"name=\"page_id\" value=\"{page}\"", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", invalid.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        using var valid = await browser.PostAsync($"/forms/{form}/submit", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["email"] = "eve@example.com", ["page_id"] = page }));
        Assert.Equal(HttpStatusCode.SeeOther, valid.StatusCode);
        Assert.Equal("https://example.com/thanks", valid.Headers.Location!.ToString());
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();
}
