using System.Net;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Contacts;

/// <summary>Shared set-up for the contact, custom field and event tests.</summary>
public static class ContactTestData
{
    /// <summary>Upserts a new contact and returns the contact object.</summary>
    public static async Task<JsonNode> CreateContactAsync(this WorkspaceClient ws, object body)
    {
        var response = await ws.Http.PostJsonAsync("/v1/contacts", body).ExpectAsync(HttpStatusCode.Created);
        Assert.True(response["created"]!.GetValue<bool>());
        return response["contact"]!;
    }

    public static Task CreateFieldAsync(this WorkspaceClient ws, string apiName, string type) =>
        ws.Http.PostJsonAsync("/v1/custom-fields", new { api_name = apiName, label = apiName, type })
            .ExpectAsync(HttpStatusCode.Created);

    /// <summary>A client holding a new key of the workspace with exactly these scopes.</summary>
    public static async Task<HttpClient> KeyClientAsync(this WorkspaceClient ws, RunnelFactory factory, string kind,
        params string[] scopes)
    {
        var created = await ws.Http.PostJsonAsync("/v1/api-keys", new { name = "scoped", kind, scopes })
            .ExpectAsync(HttpStatusCode.Created);
        return factory.ClientWithKey(created["key"]!.GetValue<string>());
    }

    public static string Str(this JsonNode node, string name) => node[name]!.GetValue<string>();
}
