using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Conventions;

/// <summary>
/// The garbage sweep again, but with path parameters naming real resources of the caller's workspace, so handlers get
/// past their lookups and meet the bad bodies and queries themselves. Nothing may answer 5xx.
/// </summary>
public sealed class MalformedInputOnRealResourcesTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
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
        var ids = await RealResources.SeedAsync(ws);
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

            var path = RealResources.Fill(template, ids);
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
}
