using System.Net;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Pages;

/// <summary>Helpers for page tests: fresh aliases, pages, forms, and fetching /p/{alias} as a browser does.</summary>
public static class PageScenario
{
    public static string NewAlias(string prefix = "page") => $"{prefix}-{Guid.NewGuid():N}";

    public static Task<JsonNode> CreatePageAsync(this WorkspaceClient ws, object body,
        HttpStatusCode expected = HttpStatusCode.Created) =>
        ws.Http.PostJsonAsync("/v1/pages", body).ExpectAsync(expected);

    public static async Task<string> SignupFormAsync(this WorkspaceClient ws, string? redirect = null) =>
        (await ws.Http.PostJsonAsync("/v1/forms", new
        {
            name = "Signup",
            fields = new object[]
            {
                new { name = "email", type = "email", required = true },
                new { name = "first_name", type = "text", required = false },
            },
            redirect_url = redirect,
        }).ExpectAsync(HttpStatusCode.Created)).Id();

    /// <summary>GET /p/{alias} without an API key; the response stays open for header checks.</summary>
    public static async Task<(HttpResponseMessage Response, string Html)> ViewAsync(this RunnelFactory factory,
        string alias)
    {
        using var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
        });
        var response = await browser.GetAsync($"/p/{alias}");
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The path of a page URL (<c>/p/{alias}</c>) and its alias.</summary>
    public static string AliasOf(string url) => new Uri(url).AbsolutePath["/p/".Length..];
}
