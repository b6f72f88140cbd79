using System.Net;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Delivery;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Pages;

/// <summary>
/// API.md §13, scratch pages with RUNNEL_PAGE_GENERATOR_URL: the server POSTs {prompt, contact, context} to a real
/// loopback generator, uses the html it answers, and retries a failing generator on the step backoff.
/// </summary>
public sealed class PageGeneratorTests(PageGeneratorFactory factory) : IClassFixture<PageGeneratorFactory>
{
    private PageGeneratorServer Generator => factory.Generator;

    private static async Task<(string Flow, string Member)> StartAsync(WorkspaceClient ws)
    {
        var flow = await ws.ActiveFlowAsync("""
            {"triggers":[{"type":"api"}],
             "steps":[{"step_id":"page","type":"create_page","source":"scratch",
                       "prompt":"A renewal page for {{ contact.first_name }} on plan {{ context.plan }}",
                       "page_name":"Renewal","auto_publish":true,"next_step_id":"after"},
                      {"step_id":"after","type":"update_contact","field":"last_name","value":"{{ page_url }}"}]}
            """);
        var member = (await ws.TriggerAsync(flow, new
        {
            email = "gen@example.com", contact = new { first_name = "Gen" }, context = new { plan = "pro" },
        })).Id();
        await ws.AdvanceAsync(TimeSpan.Zero);
        return (flow, member);
    }

    [Fact]
    public async Task The_generator_gets_the_rendered_prompt_contact_and_context_and_its_html_is_the_page()
    {
        using var ws = await factory.NewWorkspaceAsync();
        Generator.Script((200, """{"html":"<h1>Made for you</h1>{{form}}<p>&amp; more</p>"}"""));
        var (flow, member) = await StartAsync(ws);

        var request = JsonNode.Parse(Assert.Single(Generator.Received))!;
        Assert.Equal("A renewal page for Gen on plan pro", request["prompt"]!.GetValue<string>());
        Assert.Equal("gen@example.com", request["contact"]!["email"]!.GetValue<string>());
        Assert.Equal("Gen", request["contact"]!["first_name"]!.GetValue<string>());
        Assert.Equal("pro", request["context"]!["plan"]!.GetValue<string>());

        var details = await ws.MemberAsync(flow, member);
        Assert.Equal("completed", details.Status());
        var url = Assert.Single(details.Entries("page_created"))["data"]!["url"]!.GetValue<string>();
        var (_, html) = await factory.ViewAsync(PageScenario.AliasOf(url));
        Assert.Equal("<h1>Made for you</h1><p>&amp; more</p>", html);
        // {{page_url}} reached the step after.
        var contact = (await ws.Http.GetAsync("/v1/contacts?email=gen@example.com").ExpectAsync(HttpStatusCode.OK))["contacts"]![0]!;
        Assert.Equal(url, contact["last_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failing_generator_is_retried_with_backoff_and_the_page_is_made_once_it_answers()
    {
        using var ws = await factory.NewWorkspaceAsync();
        Generator.Script((500, "{}"), (200, """{"no_html":true}"""), (200, """{"html":"<p>third time</p>"}"""));
        var (flow, member) = await StartAsync(ws);
        Assert.Single(Generator.Received);
        var details = await ws.MemberAsync(flow, member);
        Assert.Equal("active", details.Status());
        Assert.Empty(details.Entries("page_created"));
        Assert.Contains(details.Entries("step_executed"),
            e => e["data"]!["error"]?.GetValue<string>().Contains("answered 500", StringComparison.Ordinal) == true);

        // Step backoff: 30 s, then 2 min.
        await ws.AdvanceAsync(TimeSpan.FromSeconds(20));
        Assert.Single(Generator.Received);
        await ws.AdvanceAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(2, Generator.Received.Count);
        await ws.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(3, Generator.Received.Count);

        details = await ws.MemberAsync(flow, member);
        Assert.Equal("completed", details.Status());
        var url = Assert.Single(details.Entries("page_created"))["data"]!["url"]!.GetValue<string>();
        Assert.Equal("<p>third time</p>", (await factory.ViewAsync(PageScenario.AliasOf(url))).Html);
        var pages = await ws.Http.GetAsync("/v1/pages").ExpectAsync(HttpStatusCode.OK);
        Assert.Single(pages["pages"]!.AsArray());
    }

    [Fact]
    public async Task A_generator_that_keeps_failing_fails_the_member_after_the_last_attempt()
    {
        using var ws = await factory.NewWorkspaceAsync();
        Generator.Script((503, "{}"), (503, "{}"), (503, "{}"), (503, "{}"), (503, "{}"));
        var (flow, member) = await StartAsync(ws);
        await ws.AdvanceAsync(TimeSpan.FromHours(2));
        var details = await ws.MemberAsync(flow, member);
        Assert.Equal("failed", details.Status());
        Assert.Equal("page", details["failure"]!["step_id"]!.GetValue<string>());
        Assert.Equal(5, details["failure"]!["attempts"]!.GetValue<int>());
        Assert.Equal(5, Generator.Received.Count);
    }
}
