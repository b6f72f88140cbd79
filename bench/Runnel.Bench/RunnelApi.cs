using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Runnel.Bench;

/// <summary>The few API calls the benchmarks make besides the load itself (API.md §7, §8, §14).</summary>
public sealed class RunnelApi(HttpClient http)
{
    /// <summary>A trigger by email; <paramref name="contactJson"/> (a JSON object) is upserted onto the contact.</summary>
    public static HttpRequestMessage Trigger(string flowId, string email, string? contactJson = null) =>
        new(HttpMethod.Post, $"/v1/flows/{flowId}/trigger")
        {
            Content = new StringContent(contactJson is null
                ? $$"""{"email":"{{email}}"}"""
                : $$"""{"email":"{{email}}","contact":{{contactJson}}}""", Encoding.UTF8, "application/json"),
        };

    /// <summary>A batch trigger of <paramref name="count"/> new contacts, by email, named from <paramref name="prefix"/>.</summary>
    public static HttpRequestMessage TriggerBatch(string flowId, string prefix, int count)
    {
        var body = new StringBuilder("{\"recipients\":[", count * 40);
        for (var i = 0; i < count; i++)
        {
            body.Append(i == 0 ? "" : ",").Append("{\"email\":\"").Append(prefix).Append('_').Append(i)
                .Append("@bench.test\"}");
        }

        return new HttpRequestMessage(HttpMethod.Post, $"/v1/flows/{flowId}/trigger/batch")
        {
            Content = new StringContent(body.Append("]}").ToString(), Encoding.UTF8, "application/json"),
        };
    }

    /// <summary>Defines a custom contact field (API.md §3).</summary>
    public Task CustomFieldAsync(string apiName, string type) => SendAsync(HttpMethod.Post, "/v1/custom-fields",
        new JsonObject { ["api_name"] = apiName, ["label"] = apiName, ["type"] = type }, HttpStatusCode.Created);

    /// <summary>Creates a flow from a JSON definition (triggers, steps …) and activates it.</summary>
    public async Task<string> ActiveFlowAsync(string name, string definitionJson)
    {
        var body = JsonNode.Parse(definitionJson)!.AsObject();
        body["name"] = name;
        var flow = await SendAsync(HttpMethod.Post, "/v1/flows", body, HttpStatusCode.Created);
        var id = flow["id"]!.GetValue<string>();
        await SendAsync(HttpMethod.Post, $"/v1/flows/{id}/activate", null, HttpStatusCode.OK);
        return id;
    }

    public async Task<string> ApprovedEmailAsync(string subject)
    {
        var email = await SendAsync(HttpMethod.Post, "/v1/emails", new JsonObject
        {
            ["name"] = subject,
            ["subject"] = subject,
            ["html"] = "<p>Hello {{contact.email}}, this is a benchmark message.</p>",
            ["text"] = "Hello {{contact.email}}, this is a benchmark message.",
            ["from_email"] = "bench@runnel.test",
            ["from_name"] = "Runnel bench",
        }, HttpStatusCode.Created);
        var id = email["id"]!.GetValue<string>();
        await SendAsync(HttpMethod.Post, $"/v1/emails/{id}/approve", null, HttpStatusCode.OK);
        return id;
    }

    /// <summary>Changes the workspace's settings (API.md §2: <c>PATCH /v1/settings</c>).</summary>
    public Task<JsonNode> SettingsAsync(JsonObject changes) =>
        SendAsync(HttpMethod.Patch, "/v1/settings", changes, HttpStatusCode.OK);

    /// <summary>A new webhook signing secret, as raw bytes (the part after <c>whsec_</c>, base64-decoded).</summary>
    public async Task<byte[]> RotateSigningSecretAsync()
    {
        var answer = await SendAsync(HttpMethod.Post, "/v1/webhook-signing-secret/rotate", null, HttpStatusCode.OK);
        return Convert.FromBase64String(answer["secret"]!.GetValue<string>()["whsec_".Length..]);
    }

    /// <summary>
    /// Starts up to 1,000 recipients (each a trigger body) in one call (API.md §8.6); answers each one's member id, or
    /// throws naming the first recipient that was not started.
    /// </summary>
    public async Task<string[]> TriggerBatchAsync(string flowId, IEnumerable<JsonObject> recipients)
    {
        var body = new JsonObject { ["recipients"] = new JsonArray([.. recipients]) };
        var answer = await SendAsync(HttpMethod.Post, $"/v1/flows/{flowId}/trigger/batch", body, HttpStatusCode.OK);
        return answer["results"]!.AsArray().Select(result => result!["status"]!.GetValue<string>() == "started"
            ? result["id"]!.GetValue<string>()
            : throw new InvalidOperationException($"Batch trigger did not start a recipient: {result.ToJsonString()}"))
            .ToArray();
    }

    public async Task<JsonNode> StatsAsync(string flowId) =>
        (await SendAsync(HttpMethod.Get, $"/v1/flows/{flowId}", null, HttpStatusCode.OK))["stats"]!;

    public async Task<long> StatAsync(string flowId, string name) => (await StatsAsync(flowId))[name]!.GetValue<long>();

    public Task<JsonNode> MemberAsync(string flowId, string memberId) =>
        SendAsync(HttpMethod.Get, $"/v1/flows/{flowId}/members/{memberId}", null, HttpStatusCode.OK);

    /// <summary>Polls the flow's stats until <paramref name="stat"/> reaches <paramref name="atLeast"/>.</summary>
    public async Task WaitForStatAsync(string flowId, string stat, long atLeast)
    {
        while (await StatAsync(flowId, stat) < atLeast)
        {
            // Waiting on a real process: there is nothing to be signalled by.
            await Task.Delay(200);
        }
    }

    /// <summary>Members of a flow with a status, as counted by the members list's pagination.</summary>
    public async Task<long> MemberCountAsync(string flowId, string? status = null)
    {
        var query = status is null ? "" : $"&status={status}";
        var page = await SendAsync(HttpMethod.Get, $"/v1/flows/{flowId}/members?limit=1{query}", null, HttpStatusCode.OK);
        return page["pagination"]!["total"]!.GetValue<long>();
    }

    /// <summary>Moves the dev clock; answers only after everything that became due has run.</summary>
    public Task AdvanceAsync(long seconds) =>
        SendAsync(HttpMethod.Post, "/v1/dev/clock", new JsonObject { ["advance_seconds"] = seconds }, HttpStatusCode.OK);

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, JsonNode? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        else if (method == HttpMethod.Post)
        {
            request.Content = new StringContent("", Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!;
    }
}
