using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Conventions;

/// <summary>API.md §1: no input, however malformed, produces a 5xx — checked on every route the server maps.</summary>
public sealed class MalformedInputTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    private static readonly string[] Bodies =
    [
        "", "{", "[]", "null", "42", "\"text\"", "{\"a\":", "{\"name\":null}", "{\"name\":{\"deep\":[1,2,{}]}}",
        "{\"steps\":[{\"type\":\"wait\"}],\"triggers\":[{}]}", "{\"rules\":{\"all\":[{\"not\":{}}]}}",
        "{\"name\":\"x\",\"name\":\"y\"}", "{\"fields\":{\"a\":[1]},\"contact_ids\":[\"x\"],\"email\":7}",
        "\u0000\u0001", "{\"advance_seconds\":1e400}",
    ];

    private static readonly string[] PathValues = ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "%20", "a.b"];

    [Fact]
    public async Task Every_route_answers_garbage_with_a_4xx_never_a_5xx()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var failures = new List<string>();
        var tried = 0;
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var template = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (template.StartsWith("/openapi", StringComparison.Ordinal) || template.StartsWith("/docs", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.OfType<HttpMethodMetadata>().FirstOrDefault()?.HttpMethods ?? [])
            {
                foreach (var value in PathValues)
                {
                    var path = System.Text.RegularExpressions.Regex.Replace(template, "\\{[^}]+\\}", value);
                    var bodies = method is "GET" or "DELETE" ? [""] : Bodies;
                    foreach (var body in bodies)
                    {
                        tried++;
                        using var request = new HttpRequestMessage(new HttpMethod(method), path + "?page=x&limit=-1&status=%00");
                        if (body.Length > 0)
                        {
                            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                        }

                        using var response = await ws.Http.SendAsync(request);
                        if ((int)response.StatusCode >= 500)
                        {
                            failures.Add($"{method} {path} {body} → {(int)response.StatusCode}");
                        }
                    }
                }
            }
        }

        Assert.True(tried > 500, $"only {tried} requests tried");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
    }
}
