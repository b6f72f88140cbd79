using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MimeKit;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Delivery;

/// <summary>Helpers for delivery tests: a one-email flow, links found in a received message, timeline data.</summary>
public static partial class DeliveryScenario
{
    public const string Html =
        """<html><body><p>Hi {{contact.first_name}}</p><a href="https://shop.example/sale?a=1&amp;b=2">Sale</a> """
        + """<a href='mailto:help@runnel.test'>Help</a> <a href="{{unsubscribe_url}}">Unsubscribe</a></body></html>""";

    /// <summary>A flow that sends one email and then waits a day, so the member is still running afterwards.</summary>
    public static async Task<string> OneEmailFlowAsync(this WorkspaceClient ws, string subject = "Big sale")
    {
        var email = await ws.ApprovedEmailAsync(subject, Html, "Hi {{contact.first_name}}");
        return await ws.ActiveFlowAsync($$"""
            {"triggers":[{"type":"api"}],
             "steps":[
               {"step_id":"hello","type":"send_email","email_id":"{{email}}","next_step_id":"pause"},
               {"step_id":"pause","type":"wait","duration_amount":1,"duration_unit":"days"}]}
            """);
    }

    public static string HtmlOf(MimeMessage message) => message.HtmlBody ?? throw new InvalidOperationException("No HTML body.");

    /// <summary>The path and query of the first link in <paramref name="html"/> under <paramref name="prefix"/>.</summary>
    public static string PathOf(string html, string prefix)
    {
        var match = Regex.Match(html, Regex.Escape(SmtpRunnelFactory.PublicUrl + prefix) + "[A-Za-z0-9_.-]+");
        Assert.True(match.Success, $"No {prefix} link in: {html}");
        return match.Value[SmtpRunnelFactory.PublicUrl.Length..];
    }

    /// <summary>The token with one character of its signed payload changed.</summary>
    public static string Tampered(string path)
    {
        var slash = path.LastIndexOf('/');
        var token = path[(slash + 1)..];
        var swapped = token[2] == 'A' ? 'B' : 'A';
        return path[..(slash + 1)] + token[..2] + swapped + token[3..];
    }

    public static IEnumerable<JsonNode> Entries(this JsonNode member, string type) =>
        member["timeline"]!.AsArray().Where(t => t!["type"]!.GetValue<string>() == type).Select(t => t!);

    public static async Task<string[]> EventNamesAsync(this WorkspaceClient ws, string contactId) =>
        (await ws.Http.GetAsync($"/v1/contacts/{contactId}/events?limit=100").ExpectAsync(HttpStatusCode.OK))["events"]!
            .AsArray().Select(e => e!["name"]!.GetValue<string>()).ToArray();

    public static async Task<string> EmailStatusAsync(this WorkspaceClient ws, string contactId) =>
        (await ws.Http.GetAsync($"/v1/contacts/{contactId}").ExpectAsync(HttpStatusCode.OK))["email_subscription_status"]!
            .GetValue<string>();
}
