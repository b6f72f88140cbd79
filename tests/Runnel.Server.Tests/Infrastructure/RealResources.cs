using System.Net;
using System.Text.RegularExpressions;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Infrastructure;

/// <summary>
/// One of each resource in a workspace, so sweeps that fill route templates with real IDs get past the lookups and
/// reach the body parser and the handler itself.
/// </summary>
public static partial class RealResources
{
    /// <summary>Creates a custom field, a secret, a contact, a list, an email, a template, a form, a page and an active flow
    /// with one member; returns their IDs by the route segment that names them.</summary>
    public static async Task<Dictionary<string, string>> SeedAsync(WorkspaceClient ws)
    {
        await ws.Http.PostJsonAsync("/v1/custom-fields", new { api_name = "plan", label = "Plan", type = "text" })
            .ExpectAsync(HttpStatusCode.Created);
        await ws.Http.PostJsonAsync("/v1/secrets", new { name = "crm_token", value = "v" }).ExpectAsync(HttpStatusCode.Created);
        var contact = (await ws.Http.PostJsonAsync("/v1/contacts", new { email = "seed@example.com" })
            .ExpectAsync(HttpStatusCode.Created)).Id("contact_id");
        var list = (await ws.Http.PostJsonAsync("/v1/lists", new { name = "L", type = "static" })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var email = await ws.ApprovedEmailAsync("Hi", "<p>Hi</p>");
        var template = (await ws.Http.PostJsonAsync("/v1/templates", new { name = "T", html = "<p>T</p>" })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var form = (await ws.Http.PostJsonAsync("/v1/forms",
                new { name = "F", fields = new[] { new { name = "email", type = "email", required = true } } })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var page = (await ws.Http.PostJsonAsync("/v1/pages",
                new { name = "P", alias = $"seed-{Guid.NewGuid():N}", html = "<p>P</p>{{form}}", form_id = form })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var flow = await ws.ActiveFlowAsync($$"""
            {"triggers":[{"type":"api"}],
             "steps":[{"step_id":"hello","type":"send_email","email_id":"{{email}}","next_step_id":"w"},
                      {"step_id":"w","type":"wait","duration_amount":1,"duration_unit":"days"}]}
            """);
        var member = (await ws.TriggerAsync(flow, new { contact_id = contact })).Id();
        return new Dictionary<string, string>
        {
            ["contacts"] = contact, ["contact"] = contact, ["lists"] = list, ["emails"] = email,
            ["templates"] = template, ["forms"] = form, ["pages"] = page, ["flows"] = flow, ["member"] = member, ["api-keys"] = contact,
        };
    }

    /// <summary>A route template (<c>/v1/flows/{id}/members/{member_id}</c>) with the seeded IDs filled in.</summary>
    public static string Fill(string template, Dictionary<string, string> ids)
    {
        var resource = template.Split('/', StringSplitOptions.RemoveEmptyEntries) is { Length: > 1 } parts ? parts[1] : "";
        return Parameter().Replace(template, match => match.Groups[1].Value switch
        {
            "id" or "formId" => ids.GetValueOrDefault(resource, ids["contacts"]),
            "contact_id" or "contactId" => ids["contact"],
            "member_id" => ids["member"],
            "stepId" => "hello",
            "apiName" => "plan",
            "name" => "crm_token",
            "provider" => "generic",
            _ => "x",
        });
    }

    [GeneratedRegex("\\{([^}:]+)[^}]*\\}")]
    private static partial Regex Parameter();
}
