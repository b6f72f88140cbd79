using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Conventions;

/// <summary>/openapi/v1.json describes every endpoint the server maps (API.md §14).</summary>
public sealed class OpenApiCoverageTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    [Fact]
    public async Task Every_mapped_route_and_method_is_in_the_openapi_document()
    {
        using var client = factory.CreateClient();
        var document = await client.GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject();
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var missing = new List<string>();
        var checkedRoutes = 0;
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (pattern.StartsWith("/openapi", StringComparison.Ordinal) || pattern.StartsWith("/docs", StringComparison.Ordinal))
            {
                continue;
            }

            var methods = endpoint.Metadata.OfType<HttpMethodMetadata>().FirstOrDefault()?.HttpMethods ?? [];
            var documented = paths[pattern.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/"] ?? paths[pattern];
            foreach (var method in methods)
            {
                checkedRoutes++;
                if (documented?[method.ToLowerInvariant()] is null)
                {
                    missing.Add($"{method} {pattern}");
                }
            }
        }

        Assert.True(checkedRoutes > 50, $"only {checkedRoutes} routes found");
        Assert.True(missing.Count == 0, "Not in the OpenAPI document: " + string.Join(", ", missing));
    }
}
