using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Runnel.Server.Tests.Infrastructure;

/// <summary>Small helpers that keep HTTP tests about behaviour: send JSON, read JSON, assert problem documents.</summary>
public static class Http
{
    public static async Task<JsonNode?> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path,
        object? body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body is string raw
                ? new StringContent(raw, Encoding.UTF8, "application/json")
                : JsonContent.Create(body);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object? body,
        string? idempotencyKey = null) => client.SendJsonAsync(HttpMethod.Post, path, body, idempotencyKey);

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string path, object? body) =>
        client.SendJsonAsync(HttpMethod.Patch, path, body);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string path, object? body) =>
        client.SendJsonAsync(HttpMethod.Put, path, body);

    /// <summary>Asserts the status and returns the JSON body.</summary>
    public static async Task<JsonNode> ExpectAsync(this Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>Asserts a problem document with this status and error_code; returns it for further checks.</summary>
    public static async Task<JsonNode> ExpectProblemAsync(this Task<HttpResponseMessage> call, HttpStatusCode status,
        string errorCode)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {errorCode}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal(errorCode, problem["error_code"]!.GetValue<string>());
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.Equal($"urn:runnel:error:{errorCode}", problem["type"]!.GetValue<string>());
        return problem;
    }

    /// <summary>Asserts a validation_failed answer that names <paramref name="path"/> among its errors.</summary>
    public static async Task<JsonNode> ExpectValidationAsync(this Task<HttpResponseMessage> call, string path)
    {
        var problem = await call.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var paths = problem["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).ToArray();
        Assert.True(paths.Contains(path), $"Expected an error at '{path}', got: {string.Join(", ", paths)}");
        return problem;
    }

    public static string Id(this JsonNode node, string name = "id") => node[name]!.GetValue<string>();
}
