using System.Net;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Delivery;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Pages;

/// <summary>
/// API.md §13, the create_page step without a generator: one page per member with merge tokens rendered, an
/// unguessable alias, noindex, expiry, {{page_url}} for later steps, and views and submissions on the timeline.
/// </summary>
public sealed class CreatePageStepTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    private static string Flow(string pageStep, string emailId) => $$"""
        {"triggers":[{"type":"api"}],
         "steps":[{"step_id":"page","type":"create_page",{{pageStep}},"next_step_id":"mail"},
                  {"step_id":"mail","type":"send_email","email_id":"{{emailId}}","next_step_id":"w"},
                  {"step_id":"w","type":"wait","duration_amount":30,"duration_unit":"days"}]}
        """;

    private static async Task<(string MemberId, JsonNode Member, string Url)> StartAsync(WorkspaceClient ws, string flow,
        string email, string firstName, object? context = null)
    {
        var member = (await ws.TriggerAsync(flow, new { email, contact = new { first_name = firstName }, context })).Id();
        await ws.AdvanceAsync(TimeSpan.Zero);
        var details = await ws.MemberAsync(flow, member);
        var created = Assert.Single(details.Entries("page_created"));
        return (member, details, created["data"]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Each_member_gets_its_own_unguessable_page_with_merge_tokens_and_page_url_in_the_next_email()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var email = await ws.ApprovedEmailAsync("Your page", "<p>Hi</p>", "Open {{ page_url }} soon");
        var flow = await ws.ActiveFlowAsync(Flow("""
            "source":"scratch","prompt":"Hello {{ contact.first_name }}\n\nYour code is {{ context.code }}.",
            "page_name":"Offer for {{ contact.first_name }}","custom_page_alias":"Offer {{ contact.first_name }}",
            "auto_publish":true
            """, email));

        var (adaMember, ada, adaUrl) = await StartAsync(ws, flow, "ada@example.com", "Ada", new { code = "SAVE20" });
        var (_, _, bobUrl) = await StartAsync(ws, flow, "bob@example.com", "Bob <b>", new { code = "X" });
        Assert.Equal("waiting", ada.Status());

        var adaAlias = PageScenario.AliasOf(adaUrl);
        var bobAlias = PageScenario.AliasOf(bobUrl);
        // The alias starts from the rendered custom alias and ends in 24 base32 characters: 120 random bits.
        Assert.Matches("^offer-ada-[a-z2-7]{24}$", adaAlias);
        Assert.Matches("^offer-bob-b-[a-z2-7]{24}$", bobAlias);
        Assert.NotEqual(adaAlias[^24..], bobAlias[^24..]);

        var (page, html) = await factory.ViewAsync(adaAlias);
        var adaContact = ada["contact_id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<h1>Offer for Ada</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Hello Ada</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Your code is SAVE20.</p>", html, StringComparison.Ordinal);
        Assert.Contains("noindex", page.Headers.GetValues("X-Robots-Tag").Single(), StringComparison.Ordinal);
        Assert.Contains("no-store", page.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var (_, bobHtml) = await factory.ViewAsync(bobAlias);
        Assert.Contains("Hello Bob &lt;b&gt;", bobHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", bobHtml, StringComparison.Ordinal);

        // The next step's email links to the member's own page.
        var message = Assert.Single(await ws.OutboxAsync("ada@example.com"));
        Assert.Contains($"Open {adaUrl} soon", message!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        // The page object names its member; the view is on the member's timeline.
        var pages = await ws.Http.GetAsync($"/v1/pages?search={adaAlias}").ExpectAsync(HttpStatusCode.OK);
        var object_ = Assert.Single(pages["pages"]!.AsArray())!;
        Assert.Equal(adaMember, object_["member_id"]!.GetValue<string>());
        Assert.True(object_["published"]!.GetValue<bool>());
        Assert.Equal(1, object_["views"]!.GetValue<long>());
        var viewed = Assert.Single((await ws.MemberAsync(flow, adaMember)).Entries("page_viewed"));
        Assert.Equal(object_.Id(), viewed["data"]!["page_id"]!.GetValue<string>());

        // The page holds the contact's data: erasing the contact takes it down.
        await ws.Http.DeleteAsync($"/v1/contacts/{adaContact}").ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.ViewAsync(adaAlias)).Response.StatusCode);
        await ws.Http.GetAsync($"/v1/pages/{object_.Id()}").ExpectProblemAsync(HttpStatusCode.NotFound, "page_not_found");
        Assert.Equal(HttpStatusCode.OK, (await factory.ViewAsync(bobAlias)).Response.StatusCode);
    }

    [Fact]
    public async Task Page_url_reaches_steps_that_run_after_a_wait()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var email = await ws.ApprovedEmailAsync("Reminder", "<p>Hi</p>", "Still there: {{ page_url }}");
        var flow = await ws.ActiveFlowAsync($$"""
            {"triggers":[{"type":"api"}],
             "steps":[{"step_id":"page","type":"create_page","source":"scratch","prompt":"Hi","auto_publish":true,
                       "next_step_id":"later"},
                      {"step_id":"later","type":"wait","duration_amount":1,"duration_unit":"hours","next_step_id":"mail"},
                      {"step_id":"mail","type":"send_email","email_id":"{{email}}"}]}
            """);
        var (member, _, url) = await StartAsync(ws, flow, "later@example.com", "Lee");
        Assert.Empty(await ws.OutboxAsync("later@example.com"));
        await ws.AdvanceAsync(TimeSpan.FromHours(1));
        var message = Assert.Single(await ws.OutboxAsync("later@example.com"));
        Assert.Contains($"Still there: {url}", message!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("completed", (await ws.MemberAsync(flow, member)).Status());
    }

    [Fact]
    public async Task A_members_page_expires_after_page_ttl_days()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var email = await ws.ApprovedEmailAsync("Your page", "<p>Hi</p>");
        var flow = await ws.ActiveFlowAsync(Flow("""
            "source":"scratch","prompt":"Hi","auto_publish":true,"page_ttl_days":2
            """, email));
        var (_, _, url) = await StartAsync(ws, flow, "ttl@example.com", "Tia");
        var alias = PageScenario.AliasOf(url);
        Assert.Equal(HttpStatusCode.OK, (await factory.ViewAsync(alias)).Response.StatusCode);
        await ws.AdvanceAsync(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await factory.ViewAsync(alias)).Response.StatusCode);
        await ws.AdvanceAsync(TimeSpan.FromMinutes(2));
        var (expired, html) = await factory.ViewAsync(alias);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_auto_publish_the_page_waits_unpublished_and_a_guessed_alias_finds_nothing()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var email = await ws.ApprovedEmailAsync("Your page", "<p>Hi</p>");
        var flow = await ws.ActiveFlowAsync(Flow("""
            "source":"scratch","prompt":"Hi","custom_page_alias":"welcome"
            """, email));
        var (_, _, url) = await StartAsync(ws, flow, "draft@example.com", "Dee");
        var alias = PageScenario.AliasOf(url);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.ViewAsync(alias)).Response.StatusCode);
        // The readable part alone, or with any other suffix, is no page.
        Assert.Equal(HttpStatusCode.NotFound, (await factory.ViewAsync("welcome")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.ViewAsync($"welcome-{new string('a', 24)}")).Response.StatusCode);

        var page = (await ws.Http.GetAsync($"/v1/pages?search={alias}").ExpectAsync(HttpStatusCode.OK))["pages"]![0]!;
        Assert.False(page["published"]!.GetValue<bool>());
        await ws.Http.PatchJsonAsync($"/v1/pages/{page.Id()}", new { published = true }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await factory.ViewAsync(alias)).Response.StatusCode);
    }

    [Fact]
    public async Task A_template_page_renders_the_members_tokens_escaped_and_its_form_lands_on_the_timeline()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var template = (await ws.Http.PostJsonAsync("/v1/templates",
                new { name = "Renewal", html = "<h1>Renew, {{ contact.first_name }}</h1>{{form}}" })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var email = await ws.ApprovedEmailAsync("Renew", "<p>Hi</p>");
        var flow = await ws.ActiveFlowAsync(Flow($$"""
            "source":"template","template_id":"{{template}}","page_name":"Renewal","auto_publish":true
            """, email));
        var (member, _, url) = await StartAsync(ws, flow, "eve@example.com", "<i>Eve</i>");
        var alias = PageScenario.AliasOf(url);
        Assert.Matches("^renewal-[a-z2-7]{24}$", alias);
        var (_, html) = await factory.ViewAsync(alias);
        Assert.Equal("<h1>Renew, &lt;i&gt;Eve&lt;/i&gt;</h1>", html);

        // A form added to the member's page: its submissions count and show on the member's timeline.
        var form = await ws.SignupFormAsync();
        var page = (await ws.Http.GetAsync($"/v1/pages?search={alias}").ExpectAsync(HttpStatusCode.OK))["pages"]![0]!.Id();
        await ws.Http.PatchJsonAsync($"/v1/pages/{page}", new { form_id = form }).ExpectAsync(HttpStatusCode.OK);
        var (_, withForm) = await factory.ViewAsync(alias);
        Assert.Contains($"action=\"/forms/{form}/submit\"", withForm, StringComparison.Ordinal);
        using var browser = factory.CreateClient();
        await browser.PostJsonAsync($"/forms/{form}/submit", new { email = "eve@example.com", page_id = page })
            .ExpectAsync(HttpStatusCode.Created);
        var submitted = Assert.Single((await ws.MemberAsync(flow, member)).Entries("form_submitted"));
        Assert.Equal(page, submitted["data"]!["page_id"]!.GetValue<string>());
        Assert.Equal(1, (await ws.Http.GetAsync($"/v1/pages/{page}").ExpectAsync(HttpStatusCode.OK))["submissions"]!.GetValue<long>());
    }

    [Fact]
    public async Task Bad_create_page_steps_are_refused_on_write_and_at_activation()
    {
        using var ws = await factory.NewWorkspaceAsync();
        foreach (var (step, path) in new[]
                 {
                     ("""{"step_id":"p","type":"create_page","source":"scratch","page_ttl_days":0}""", "steps[0].page_ttl_days"),
                     ("""{"step_id":"p","type":"create_page","source":"scratch","page_ttl_days":366}""", "steps[0].page_ttl_days"),
                     ("""{"step_id":"p","type":"create_page","source":"elsewhere"}""", "steps[0].source"),
                     ("""{"step_id":"p","type":"create_page","source":"template"}""", "steps[0].template_id"),
                 })
        {
            await ws.Http.PostJsonAsync("/v1/flows", $$"""{"name":"F","steps":[{{step}}]}""").ExpectValidationAsync(path);
        }

        var flow = (await ws.Http.PostJsonAsync("/v1/flows", $$"""
            {"name":"F","triggers":[{"type":"api"}],
             "steps":[{"step_id":"p","type":"create_page","source":"template","template_id":"{{Guid.CreateVersion7()}}"}]}
            """).ExpectAsync(HttpStatusCode.Created)).Id();
        var problem = await ws.Http.PostJsonAsync($"/v1/flows/{flow}/activate", null)
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "flow_not_ready");
        Assert.Contains(problem["missing"]!.AsArray(), m => m!["path"]!.GetValue<string>() == "steps[0].template_id");
    }
}
