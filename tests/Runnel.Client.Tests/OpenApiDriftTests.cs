using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Runnel.Client.Tests.Infrastructure;

namespace Runnel.Client.Tests;

/// <summary>
/// One wire model, checked: every route in the SDK's route table against the live server's <c>/openapi/v1.json</c>,
/// and the JSON members of every response type the SDK reads against the schema the server documents for it.
/// </summary>
[Collection(SharedServer.Name)]
public sealed class OpenApiDriftTests(ServerFixture fixture)
{
    /// <summary>
    /// Members API.md promises that the server's OpenAPI document does not have (yet). Each is a finding, not a
    /// wish: when the server starts documenting one this test fails, so it is taken off the list.
    /// </summary>
    private static readonly HashSet<string> ExpectedMissingMembers =
    [
        // The SDK's ApiKey serves both answers: POST /v1/api-keys documents `key` (returned once), the listing never has it.
        "ApiKey.key",
    ];

    [Fact]
    public async Task Every_route_the_SDK_calls_is_served_except_those_listed_as_needing_a_newer_server()
    {
        var paths = (await fixture.Server.OpenApiAsync())["paths"]!.AsObject();
        var missing = new List<string>();
        var appeared = new List<string>();
        foreach (var route in RunnelRoutes.All)
        {
            var served = Operation(paths, route) is not null;
            if (!served && !route.RequiresNewerServer)
            {
                missing.Add($"{route.Method} {route.Template}");
            }
            else if (served && route.RequiresNewerServer)
            {
                appeared.Add($"{route.Method} {route.Template} is served now: drop RequiresNewerServer and test it");
            }
        }

        Assert.Empty(missing);
        Assert.Empty(appeared);
        Assert.Empty(RunnelRoutes.All.Where(r => r.RequiresNewerServer).Select(r => $"{r.Method} {r.Template}"));
    }

    [Fact]
    public async Task Every_response_member_the_SDK_reads_is_in_the_servers_schema()
    {
        var document = await fixture.Server.OpenApiAsync();
        var paths = document["paths"]!.AsObject();
        var schemas = document["components"]!["schemas"]!.AsObject();
        var drift = new List<string>();
        var checkedRoutes = 0;
        foreach (var route in RunnelRoutes.All.Where(r => r.Response is not null && !r.RequiresNewerServer))
        {
            var operation = Operation(paths, route)!;
            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                if (!status.StartsWith('2') || response?["content"]?["application/json"]?["schema"] is not JsonObject schema)
                {
                    continue;
                }

                if (route.ListKey is not null)
                {
                    var items = Properties(schema, schemas)?.GetValueOrDefault(route.ListKey)?["items"] as JsonObject;
                    if (items is null)
                    {
                        continue;
                    }

                    schema = items;
                }

                checkedRoutes++;
                Compare($"{route.Method} {route.Template}", route.Response!, schema, schemas, drift, 0);
            }
        }

        var members = drift.Select(d => d[(d.IndexOf(": ", StringComparison.Ordinal) + 2)..]).ToHashSet();
        var unexpected = drift.Where(d => !ExpectedMissingMembers.Contains(d[(d.IndexOf(": ", StringComparison.Ordinal) + 2)..]))
            .ToList();
        var fixedNow = ExpectedMissingMembers.Where(m => !members.Contains(m))
            .Select(m => $"{m} is documented now: take it off ExpectedMissingMembers").ToList();
        Assert.Empty(unexpected);
        Assert.Empty(fixedNow);
        // Most single-object answers carry a schema; listing answers (no schema yet) are skipped above.
        Assert.True(checkedRoutes >= 40, $"only {checkedRoutes} response schemas compared");
    }

    private static void Compare(string route, JsonTypeInfo type, JsonObject schema, JsonObject schemas,
        List<string> drift, int depth)
    {
        if (depth > 6 || type.Kind != JsonTypeInfoKind.Object || Properties(schema, schemas) is not { } documented)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (!documented.TryGetValue(property.Name, out var member))
            {
                drift.Add($"{route}: {type.Type.Name}.{property.Name}");
                continue;
            }

            if (member is null || Nested(property) is not { } nested)
            {
                continue;
            }

            var resolved = NonNull(member, schemas);
            if (nested.IsList)
            {
                resolved = resolved?["items"] is JsonObject items ? NonNull(items, schemas) : null;
            }

            if (resolved is not null)
            {
                Compare(route, nested.Type, resolved, schemas, drift, depth + 1);
            }
        }
    }

    private static (JsonTypeInfo Type, bool IsList)? Nested(JsonPropertyInfo property)
    {
        if (property.PropertyType.Namespace == "System.Text.Json.Nodes")
        {
            return null; // Free-form objects are the user's: nothing to compare.
        }

        var info = RunnelJsonContext.Default.GetTypeInfo(property.PropertyType)!;
        return info.Kind switch
        {
            JsonTypeInfoKind.Object => (info, false),
            JsonTypeInfoKind.Enumerable when info.ElementType is { } element
                && RunnelJsonContext.Default.GetTypeInfo(element) is { Kind: JsonTypeInfoKind.Object } item => (item, true),
            _ => null,
        };
    }

    /// <summary>The members a schema documents: its own, and for a union (a polymorphic step) every variant's.</summary>
    private static Dictionary<string, JsonNode?>? Properties(JsonObject schema, JsonObject schemas)
    {
        var resolved = Resolve(schema, schemas);
        var result = new Dictionary<string, JsonNode?>();
        var known = false;
        if (resolved["properties"] is JsonObject own)
        {
            known = true;
            foreach (var (name, value) in own)
            {
                result[name] = value;
            }
        }

        foreach (var union in new[] { "anyOf", "oneOf", "allOf" })
        {
            foreach (var variant in resolved[union]?.AsArray() ?? [])
            {
                if (variant is JsonObject v && Properties(v, schemas) is { } inner)
                {
                    known = true;
                    foreach (var (name, value) in inner)
                    {
                        result[name] = result.TryGetValue(name, out var earlier) ? Merge(earlier, value, schemas) : value;
                    }
                }
            }
        }

        if (resolved["required"] is JsonArray required && required.Any(r => r?.GetValue<string>() == "type"))
        {
            result.TryAdd("type", null); // The discriminator of a polymorphic schema.
        }

        return known ? result : null;
    }

    /// <summary>
    /// One member that variants of a union document differently (a wait_for_reply branch and a split branch): an
    /// array of the union of both item schemas, or the union of both.
    /// </summary>
    private static JsonNode? Merge(JsonNode? a, JsonNode? b, JsonObject schemas)
    {
        if (a is not JsonObject first || b is not JsonObject second)
        {
            return a ?? b;
        }

        var (x, y) = (NonNull(first, schemas)!, NonNull(second, schemas)!);
        if (x["items"] is JsonObject xi && y["items"] is JsonObject yi)
        {
            return new JsonObject { ["type"] = "array", ["items"] = Merge(xi.DeepClone(), yi.DeepClone(), schemas) };
        }

        return new JsonObject { ["anyOf"] = new JsonArray(x.DeepClone(), y.DeepClone()) };
    }

    /// <summary>A member's schema without the <c>null</c> alternative of a nullable reference.</summary>
    private static JsonObject? NonNull(JsonNode member, JsonObject schemas)
    {
        var resolved = Resolve(member.AsObject(), schemas);
        if (resolved["oneOf"] is JsonArray options && options.Count == 2
            && options.FirstOrDefault(o => o?["type"]?.ToString() != "null") is JsonObject other)
        {
            return Resolve(other, schemas);
        }

        return resolved;
    }

    private static JsonObject Resolve(JsonObject schema, JsonObject schemas) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? Resolve(schemas[reference["#/components/schemas/".Length..]]!.AsObject(), schemas)
            : schema;

    private static JsonObject? Operation(JsonObject paths, RunnelRoute route)
    {
        var shape = Shape(route.Template);
        var path = paths.FirstOrDefault(p => Shape(p.Key) == shape).Value;
        return path?[route.Method.ToLowerInvariant()] as JsonObject;
    }

    /// <summary>A template with its placeholder names erased: <c>/v1/flows/{}/members/{}</c>.</summary>
    private static string Shape(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template.TrimEnd('/'), "{[^}]*}", "{}");
}
