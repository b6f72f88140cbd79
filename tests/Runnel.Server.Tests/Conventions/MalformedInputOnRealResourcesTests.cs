using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Conventions;

/// <summary>
/// The garbage sweep again, but with path parameters naming real resources of the caller's workspace, so handlers get
/// past their lookups and meet the bad bodies and queries themselves. Nothing may answer 5xx.
/// </summary>
public sealed partial class MalformedInputOnRealResourcesTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    private static readonly string[] Bodies =
    [
        "", "{", "[]", "null", "{}", "{\"name\":null,\"status\":7}", "{\"steps\":[{\"type\":\"wait\",\"step_id\":\"\"}]}",
        "{\"step\":{\"type\":\"split\",\"branches\":[{\"percent\":-5}]}}", "{\"rules\":{\"any\":[]}}",
        "{\"contact_ids\":[null,1,\"x\"]}", "{\"fields\":{\"unknown\":{\"a\":1}},\"email\":\"@@\"}",
        "{\"source\":\"template\",\"template_id\":\"zzz\"}", "{\"settings\":{\"timezone\":5},\"disqualification_rules\":[]}",
        "{\"context\":{\"a\":[1,{\"b\":null}]},\"contact_id\":\"00000000-0000-0000-0000-000000000000\"}",
        "{\"dynamic_context\":\"x\",\"label\":1e999}",
    ];

    private static readonly string[] Queries = ["", "?page=0&limit=1000", "?status=all&archived=maybe&sort_by=x&search=%25"];

    [Fact]
    public async Task Routes_with_real_ids_answer_garbage_with_a_4xx_never_a_5xx()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var ids = await SeedAsync(ws);
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var failures = new List<string>();
        var tried = 0;
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var template = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (!template.StartsWith("/v1/", StringComparison.Ordinal) && !template.StartsWith("/forms/", StringComparison.Ordinal))
            {
                continue;
            }

            var path = Fill(template, ids);
            foreach (var method in endpoint.Metadata.OfType<HttpMethodMetadata>().FirstOrDefault()?.HttpMethods ?? [])
            {
                if (method == "DELETE" || template.StartsWith("/v1/dev/clock", StringComparison.Ordinal))
                {
                    continue; // deleting would remove the resources the rest of the sweep needs
                }

                foreach (var query in Queries)
                {
                    foreach (var body in method == "GET" ? [""] : Bodies)
                    {
                        tried++;
                        using var request = new HttpRequestMessage(new HttpMethod(method), path + query);
                        if (body.Length > 0)
                        {
                            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                        }

                        using var response = await ws.Http.SendAsync(request);
                        if ((int)response.StatusCode >= 500)
                        {
                            failures.Add($"{method} {path}{query} {body} → {(int)response.StatusCode}");
                        }
                    }
                }
            }
        }

        Assert.True(tried > 300, $"only {tried} requests tried");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
    }

    private static string Fill(string template, Dictionary<string, string> ids)
    {
        var resource = template.Split('/', StringSplitOptions.RemoveEmptyEntries) is { Length: > 1 } parts ? parts[1] : "";
        return Parameter().Replace(template, match => match.Groups[1].Value switch
        {
            "id" or "formId" => ids.GetValueOrDefault(resource, ids["contacts"]),
            "contact_id" or "contactId" => ids["contact"],
            "member_id" => ids["member"],
            "stepId" => "hello",
            "apiName" => "plan",
            "name" => "crm_token",
            "provider" => "generic",
            _ => "x",
        });
    }

    private static async Task<Dictionary<string, string>> SeedAsync(WorkspaceClient ws)
    {
        await ws.Http.PostJsonAsync("/v1/custom-fields", new { api_name = "plan", label = "Plan", type = "text" })
            .ExpectAsync(HttpStatusCode.Created);
        await ws.Http.PostJsonAsync("/v1/secrets", new { name = "crm_token", value = "v" }).ExpectAsync(HttpStatusCode.Created);
        var contact = (await ws.Http.PostJsonAsync("/v1/contacts", new { email = "seed@example.com" })
            .ExpectAsync(HttpStatusCode.Created)).Id("contact_id");
        var list = (await ws.Http.PostJsonAsync("/v1/lists", new { name = "L", type = "static" })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var email = await ws.ApprovedEmailAsync("Hi", "<p>Hi</p>");
        var template = (await ws.Http.PostJsonAsync("/v1/templates", new { name = "T", html = "<p>T</p>" })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var form = (await ws.Http.PostJsonAsync("/v1/forms",
                new { name = "F", fields = new[] { new { name = "email", type = "email", required = true } } })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var flow = await ws.ActiveFlowAsync($$"""
            {"triggers":[{"type":"api"}],
             "steps":[{"step_id":"hello","type":"send_email","email_id":"{{email}}","next_step_id":"w"},
                      {"step_id":"w","type":"wait","duration_amount":1,"duration_unit":"days"}]}
            """);
        var member = (await ws.TriggerAsync(flow, new { contact_id = contact })).Id();
        return new Dictionary<string, string>
        {
            ["contacts"] = contact, ["contact"] = contact, ["lists"] = list, ["emails"] = email,
            ["templates"] = template, ["forms"] = form, ["flows"] = flow, ["member"] = member, ["api-keys"] = contact,
        };
    }

    [GeneratedRegex("\\{([^}:]+)[^}]*\\}")]
    private static partial Regex Parameter();
}
