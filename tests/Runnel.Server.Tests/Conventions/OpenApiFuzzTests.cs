using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Runnel.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Runnel.Server.Tests.Conventions;

/// <summary>
/// Requests generated from the live <c>/openapi/v1.json</c> (issue 12): for every operation, malformed bodies, a wrong
/// type in each declared field, lone surrogates and huge or deep values in each field, unknown fields, random JSON
/// from a fixed-seed CsCheck generator, and bad path segments (not a UUID, another workspace's IDs, percent-encoded
/// junk). Paths otherwise name real resources, so requests reach the body parser and the handler. Every answer must
/// be below 500, and every 4xx a problem document with an <c>error_code</c> (API.md §1).
/// </summary>
public sealed class OpenApiFuzzTests(OpenApiFuzzTests.Factory factory, ITestOutputHelper output)
    : IClassFixture<OpenApiFuzzTests.Factory>
{
    // Generation is driven straight from one PCG rather than through Check.Sample: a failing request is reported
    // whole (method, URL, body), and a fixed stream and seed give the same requests in the same order on every run.
    private const uint Stream = 12;
    private const ulong Seed = 20261122;
    private const int RandomBodiesPerOperation = 12;

    // One byte over RequestBody.MaxBytes: 413.
    private const int RequestLimit = (1024 * 1024) + 1;

    // Placeholders for text the JSON writer will not produce, swapped in after serializing.
    private const string LoneHigh = "~lone-high~";
    private const string LonePair = "~lone-reversed~";
    private const string HugeNumber = "~huge-number~";

    // No %00: Kestrel refuses a NUL in the path before the app sees it (and the test host throws on it).
    private static readonly string[] BadPathSegments =
    [
        "not-a-uuid", "00000000-0000-0000-0000-000000000000", "%01", "%ff%fe", "%ED%A0%80", "%F0%9F%92%A9",
        "%2e%2e", "a%2Fb", "%7B%7D", new string('a', 3000),
    ];

    private static readonly string[] MalformedBodies =
    [
        "", " ", "{", "}", "[", "{\"a\":", "{\"a\":1,}", "{'a':1}", "not json", "<xml/>", "\u0000", "[]", "[{}]",
        "42", "-0", "\"text\"", "null", "true", "1e400", "{\"a\":1}{\"b\":2}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\x41\"}",
        "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":01}", "{\"a\":\"\\ud800\"}", "{\"\\udfff\":1}",
        new string('[', 200) + new string(']', 200), Nested("{\"a\":", "}", 70, "1"),
    ];

    private static readonly byte[][] InvalidUtf8Bodies =
    [
        [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D], // {"a":"<CESU-8 surrogate>"}
        [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D], // {"<invalid bytes>":1}
        [0xEF, 0xBB, 0xBF, 0x7B, 0x7D], // BOM then {}
    ];

    private static readonly string[] BadQueries =
    [
        "?page=-1&limit=100000", "?page=99999999999999999999&limit=1e9", "?page=%ED%A0%80&limit=%00",
        "?status=%F0%9F%92%A9&search=%25&email=%FF&zz_unknown=1", "?page=1&page=2&limit=",
    ];

    public sealed class Factory : RunnelFactory
    {
        // Thousands of requests from one key and one client address: the limits would answer most of them.
        protected override IDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["RUNNEL_RATE_LIMIT"] = "0", ["RUNNEL_FORM_RATE_LIMIT"] = "0",
        };
    }

    private sealed record Operation(string Method, string Template, JsonObject? BodySchema, bool HasQuery);

    private sealed class Tally
    {
        public int Sent { get; set; }

        public List<string> Failures { get; } = [];

        /// <summary>Answers by status and error_code, to see how far the requests got.</summary>
        public SortedDictionary<string, int> Answers { get; } = new(StringComparer.Ordinal);
    }

    [Fact]
    public async Task Every_operation_answers_generated_garbage_with_a_problem_document_never_a_5xx()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync("Other");
        var ids = await RealResources.SeedAsync(ws);
        var foreign = await RealResources.SeedAsync(other);
        using var admin = factory.AdminClient();
        var document = await admin.GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        var schemas = document["components"]?["schemas"]?.AsObject() ?? [];
        var operations = Operations(document).ToList();
        var pcg = new PCG(Stream, Seed);
        var tally = new Tally();

        foreach (var operation in operations)
        {
            var client = operation.Template.StartsWith("/v1/workspaces", StringComparison.Ordinal) ? admin : ws.Http;
            var path = RealResources.Fill(operation.Template, ids);
            var sample = operation.BodySchema is null ? null : Sample(Resolve(operation.BodySchema, schemas), schemas, 0);

            foreach (var badPath in BadPaths(operation.Template, ids, foreign))
            {
                await SendAsync(client, operation.Method, badPath, sample is null ? null : Raw(sample), tally);
            }

            if (operation.Method == "DELETE")
            {
                continue; // with real IDs it would remove what the rest of the sweep needs
            }

            if (operation.HasQuery || operation.Method == "GET")
            {
                foreach (var query in BadQueries)
                {
                    await SendAsync(client, operation.Method, path + query, null, tally);
                }
            }

            if (operation.Method == "GET")
            {
                continue;
            }

            foreach (var body in Bodies(operation, sample, schemas, pcg))
            {
                await SendAsync(client, operation.Method, path, body, tally);
            }
        }

        var undocumented = operations.Where(o => o.Method is "POST" or "PATCH" or "PUT" && o.BodySchema is null)
            .Select(o => $"{o.Method} {o.Template}").ToList();
        output.WriteLine($"{tally.Sent} requests over {operations.Count} operations (seed {Stream}/{Seed})");
        output.WriteLine("Writes without a request-body schema: " + string.Join(", ", undocumented));
        output.WriteLine("Answers: " + string.Join(", ", tally.Answers.Select(a => $"{a.Key} ×{a.Value}")));
        Assert.True(operations.Count > 50, $"only {operations.Count} operations in the OpenAPI document");
        Assert.True(tally.Sent > 3000, $"only {tally.Sent} requests sent");
        Assert.True(tally.Failures.Count == 0,
            $"{tally.Failures.Count} of {tally.Sent} failed:\n" + string.Join("\n", tally.Failures.Take(25)));
    }

    private static IEnumerable<Operation> Operations(JsonNode document)
    {
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            if (template.StartsWith("/openapi", StringComparison.Ordinal) || template.StartsWith("/docs", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is not ("get" or "post" or "put" or "patch" or "delete"))
                {
                    continue;
                }

                var body = operation!["requestBody"]?["content"]?["application/json"]?["schema"]?.AsObject();
                var hasQuery = operation["parameters"]?.AsArray().Any(p => p!["in"]?.GetValue<string>() == "query") ?? false;
                yield return new Operation(method.ToUpperInvariant(), template, body, hasQuery);
            }
        }
    }

    /// <summary>The template with one parameter at a time replaced by junk or another workspace's ID.</summary>
    private static IEnumerable<string> BadPaths(string template, Dictionary<string, string> ids,
        Dictionary<string, string> foreign)
    {
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            yield break;
        }

        yield return RealResources.Fill(template, foreign);
        var parameters = template.Split('/').Where(s => s.StartsWith('{')).ToArray();
        foreach (var parameter in parameters)
        {
            foreach (var segment in BadPathSegments.Append(Guid.CreateVersion7().ToString()))
            {
                yield return RealResources.Fill(template.Replace(parameter, segment, StringComparison.Ordinal), ids);
            }
        }
    }

    private static IEnumerable<string> Bodies(Operation operation, JsonNode? sample, JsonObject schemas, PCG pcg)
    {
        foreach (var body in MalformedBodies)
        {
            yield return body;
        }

        yield return "{\"zz\":\"" + new string('x', 300_000) + "\"}";
        yield return "{\"zz\":\"" + new string('x', RequestLimit) + "\"}"; // 413

        // A body the document does not describe (provider webhooks, form submissions) is free-form: fill it with
        // members of our own.
        var template = sample as JsonObject ?? new JsonObject { ["email"] = "fuzz@example.com", ["type"] = "bounced" };
        var text = Raw(template);
        yield return text[..(text.Length / 2)];
        yield return Raw(With(template, "zz_unknown_field", 1));
        var schema = operation.BodySchema is null ? [] : Resolve(operation.BodySchema, schemas);
        var properties = schema["properties"]?.AsObject().Select(p => (p.Key, Resolve(p.Value!.AsObject(), schemas)))
                         ?? template.Select(p => (p.Key, new JsonObject()));
        foreach (var (name, propertySchema) in properties.ToList())
        {
            foreach (var wrong in WrongTypes(Types(propertySchema)))
            {
                yield return Raw(With(template, name, wrong));
            }

            foreach (var value in Extremes())
            {
                yield return Raw(With(template, name, value));
            }
        }

        // The dev clock would move for real with a valid random advance, and every pump with it.
        if (operation.Template.StartsWith("/v1/dev/", StringComparison.Ordinal))
        {
            yield break;
        }

        var names = template.Select(p => p.Key).ToArray();
        for (var i = 0; i < RandomBodiesPerOperation; i++)
        {
            yield return RandomBody(template, names, pcg);
        }
    }

    private static string RandomBody(JsonObject template, string[] names, PCG pcg)
    {
        var members = new List<string>();
        foreach (var name in names)
        {
            var choice = Gen.Int[0, 3].Generate(pcg, null, out _);
            if (choice == 0)
            {
                continue; // left out
            }

            var value = choice == 1 ? Raw(template[name]) : JsonText(3).Generate(pcg, null, out _);
            members.Add($"{Quote(name)}:{value}");
        }

        if (Gen.Int[0, 3].Generate(pcg, null, out _) == 0)
        {
            members.Add($"{Key.Generate(pcg, null, out _)}:{JsonText(2).Generate(pcg, null, out _)}");
        }

        return "{" + string.Join(",", members) + "}";
    }

    /// <summary>A value of each JSON type the field does not declare.</summary>
    private static IEnumerable<JsonNode?> WrongTypes(HashSet<string> declared)
    {
        if (!declared.Contains("integer") && !declared.Contains("number"))
        {
            yield return 7;
        }

        if (!declared.Contains("string"))
        {
            yield return "seven";
        }

        if (!declared.Contains("boolean"))
        {
            yield return true;
        }

        if (!declared.Contains("array"))
        {
            yield return new JsonArray(1, "two");
        }

        if (!declared.Contains("object"))
        {
            yield return new JsonObject { ["a"] = 1 };
        }

        if (!declared.Contains("null"))
        {
            yield return null;
        }
    }

    /// <summary>Lone surrogates as strings, in arrays and inside free-form objects; huge and deep values.</summary>
    private static IEnumerable<JsonNode?> Extremes()
    {
        yield return LoneHigh;
        yield return $"ok {LonePair}";
        yield return new JsonArray("fine", LoneHigh);
        yield return new JsonObject { ["k"] = LoneHigh };
        yield return new JsonObject { [LonePair] = 1 };
        yield return new JsonObject { ["nested"] = new JsonObject { ["deeper"] = new JsonArray(LonePair) } };
        yield return new string('x', 100_000);
        yield return HugeNumber;
        yield return long.MaxValue;
        yield return -1e300;
        yield return JsonNode.Parse(Nested("[", "]", 30, "1"));
        yield return JsonNode.Parse(Nested("{\"a\":", "}", 30, "{}"));
    }

    private static JsonObject With(JsonObject template, string name, JsonNode? value)
    {
        var copy = template.DeepClone().AsObject();
        copy[name] = value?.DeepClone();
        return copy;
    }

    /// <summary>The JSON text, with the placeholders for what the writer cannot write swapped in.</summary>
    private static string Raw(JsonNode? node) => (node?.ToJsonString() ?? "null")
        .Replace(LoneHigh, "\\ud800", StringComparison.Ordinal)
        .Replace(LonePair, "\\udfff\\ud800", StringComparison.Ordinal)
        .Replace($"\"{HugeNumber}\"", "123456789012345678901234567890e300", StringComparison.Ordinal);

    private static string Nested(string open, string close, int depth, string inner) =>
        string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth));

    /// <summary>A plausible value for a schema: what the fields keep when another one is being broken.</summary>
    private static JsonNode? Sample(JsonObject schema, JsonObject schemas, int depth)
    {
        var types = Types(schema);
        if (types.Contains("object") || schema["properties"] is not null)
        {
            var result = new JsonObject();
            if (depth < 3)
            {
                foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
                {
                    result[name] = Sample(Resolve(property!.AsObject(), schemas), schemas, depth + 1);
                }
            }

            return result;
        }

        if (schema["enum"] is JsonArray { Count: > 0 } values)
        {
            return values[0]?.DeepClone();
        }

        return types.Contains("array") ? new JsonArray()
            : types.Contains("integer") ? 1
            : types.Contains("number") ? 1.5
            : types.Contains("boolean") ? true
            : types.Contains("string") ? (schema["format"]?.GetValue<string>() == "uuid" ? Guid.CreateVersion7().ToString() : "x")
            : null;
    }

    private static JsonObject Resolve(JsonObject schema, JsonObject schemas)
    {
        for (var hops = 0; hops < 10; hops++)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference)
            {
                schema = schemas[reference.Split('/')[^1]]?.AsObject() ?? [];
            }
            else if ((schema["anyOf"] ?? schema["oneOf"] ?? schema["allOf"]) is JsonArray { Count: > 0 } choices
                     && schema["properties"] is null)
            {
                // Nullable members are written anyOf [null, X]: take the first choice that says something.
                schema = choices.Select(c => c!.AsObject())
                    .FirstOrDefault(c => c["type"]?.ToString() != "null") ?? choices[0]!.AsObject();
            }
            else
            {
                break;
            }
        }

        return schema;
    }

    private static HashSet<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray list => list.Select(t => t!.GetValue<string>()).ToHashSet(StringComparer.Ordinal),
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };

    private async Task SendAsync(HttpClient client, string method, string url, string? body, Tally tally)
    {
        await SendBytesAsync(client, method, url, body is null ? null : Encoding.UTF8.GetBytes(body), tally);
        if (body is not null && tally.Sent % 97 == 0)
        {
            // Now and then the same request as bytes that are not UTF-8 at all.
            foreach (var bytes in InvalidUtf8Bodies)
            {
                await SendBytesAsync(client, method, url, bytes, tally);
            }
        }
    }

    private async Task SendBytesAsync(HttpClient client, string method, string url, byte[]? body, Tally tally)
    {
        tally.Sent++;
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new("application/json");
        }

        using var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        var (problem, code) = status >= 500 ? ("5xx", null)
            : status >= 400 && IsHostedPage(url) ? HtmlPageError(response)
            : status >= 400 ? await ProblemDocumentErrorAsync(response)
            : (null, null);
        var answer = code is null ? $"{status}" : $"{status} {code}";
        tally.Answers[answer] = tally.Answers.GetValueOrDefault(answer) + 1;
        if (problem is not null)
        {
            var shown = body is null ? "" : Encoding.UTF8.GetString(body);
            tally.Failures.Add($"{method} {Shorten(url)} {Shorten(shown)} → {status}: {problem}");
            output.WriteLine(tally.Failures[^1]);
        }
    }

    /// <summary>API.md §13: <c>/p/{alias}</c> is a browser's page; its 404 is an HTML page, not a problem document.</summary>
    private static bool IsHostedPage(string url) => url.StartsWith("/p/", StringComparison.Ordinal);

    private static (string? Problem, string? Code) HtmlPageError(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.NotFound && response.Content.Headers.ContentType?.MediaType == "text/html"
            ? (null, "html page")
            : ($"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType ?? "(none)"} from a hosted page", null);

    /// <summary>What is wrong with a 4xx answer as a problem document (null when nothing), and its error_code.</summary>
    private static async Task<(string? Problem, string? Code)> ProblemDocumentErrorAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return ($"content type {response.Content.Headers.ContentType?.MediaType ?? "(none)"}", null);
        }

        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonNode.Parse(text)?["error_code"] is JsonValue value && value.GetValue<string>() is { Length: > 0 } code
                ? (null, code)
                : ($"no error_code in {Shorten(text)}", null);
        }
        catch (System.Text.Json.JsonException)
        {
            return ($"not JSON: {Shorten(text)}", null);
        }
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + $"…({text.Length})";

    // Random JSON text: CsCheck generators, so values are drawn from the seeded PCG and nothing else.
    private static readonly Gen<string> StringLiteral = Gen.Frequency(
        (4, Gen.String[0, 24].Select(Quote)),
        (1, Gen.OneOf("\"\\ud800\"", "\"\\udfff\\ud800\"", "\"a\\udbffb\"", "\"\\ud83d\\ude00\"")),
        (1, Gen.Int[1_000, 200_000].Select(n => "\"" + new string('y', n) + "\"")),
        (1, Gen.OneOf("\"\"", "\" \"", "\"00000000-0000-0000-0000-000000000000\"", "\"2026-11-22T09:00:00Z\"",
            "\"9999-99-99\"", "\"{{ contact.email }}\"", "\"{% if %}\"", "\"http://127.0.0.1/\"", "\"@@\"",
            "\"+1555\"", "\"\\u0000\"")));

    private static readonly Gen<string> Scalar = Gen.Frequency(
        (1, Gen.OneOf("null", "true", "false")),
        (2, Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1e400")),
        (1, Gen.OneOf("1e400", "-1e400", "99999999999999999999999", "-0", "1e-400", "0.1e1")),
        (4, StringLiteral));

    private static readonly Gen<string> Key = Gen.Frequency(
        (3, Gen.Char['a', 'z'].Array[1, 12].Select(c => Quote(new string(c)))),
        (1, StringLiteral));

    private static Gen<string> JsonText(int depth) => depth == 0
        ? Scalar
        : Gen.Frequency(
            (4, Scalar),
            (1, JsonText(depth - 1).Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (1, Gen.Select(Key, JsonText(depth - 1)).Array[0, 4]
                .Select(members => "{" + string.Join(",", members.Select(m => $"{m.Item1}:{m.Item2}")) + "}")));

    /// <summary>A JSON string literal that escapes every surrogate, so unpaired ones become lone escapes.</summary>
    private static string Quote(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c < ' ' || char.IsSurrogate(c) || c > '~')
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }
}
