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

    [Fact]
    public async Task Every_api_operation_documents_its_auth_scopes_answers_and_problems()
    {
        using var client = factory.CreateClient();
        var document = await client.GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        var codes = document["components"]!["schemas"]!["Problem"]!["properties"]!["error_code"]!["enum"]!.AsArray()
            .Select(c => c!.GetValue<string>()).ToHashSet();
        Assert.Contains("idempotency_key_in_use", codes);
        Assert.Contains("dev_clock_disabled", codes);
        var gaps = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            // SMS provider webhooks take no key: they are signed (X-Twilio-Signature, Standard Webhooks).
            if (!path.StartsWith("/v1/", StringComparison.Ordinal) || path.StartsWith("/v1/webhooks/sms/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var (method, operation) in item!.AsObject())
            {
                var name = $"{method.ToUpperInvariant()} {path}";
                var responses = operation!["responses"]!.AsObject();
                if (operation["security"] is null || operation["x-runnel-scopes"] is null)
                {
                    gaps.Add($"{name}: no security or scopes");
                }

                foreach (var status in new[] { "401", "403", "429" })
                {
                    if (responses[status]?["content"]?["application/problem+json"] is null)
                    {
                        gaps.Add($"{name}: no {status} problem answer");
                    }
                }

                var success = responses.Where(r => r.Key.StartsWith('2')).ToArray();
                if (success.Length == 0 || success.Any(r => r.Key != "204" && r.Value?["content"]?["application/json"]?["schema"] is null))
                {
                    gaps.Add($"{name}: no schema for its answer");
                }

                if (method == "post" && operation["parameters"]?.AsArray().Any(p => p!["name"]!.GetValue<string>() == "Idempotency-Key") != true)
                {
                    gaps.Add($"{name}: no Idempotency-Key header");
                }
            }
        }
        Assert.True(gaps.Count == 0, "OpenAPI gaps:\n" + string.Join("\n", gaps));
    }
}
