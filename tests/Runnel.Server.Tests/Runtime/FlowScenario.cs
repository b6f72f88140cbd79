using System.Net;
using System.Text.Json.Nodes;
using Runnel.Core.Members;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Runtime;

/// <summary>Authoring helpers for runtime scenarios: approved emails, active flows, triggers and the dev clock.</summary>
public static class FlowScenario
{
    public static async Task<string> ApprovedEmailAsync(this WorkspaceClient ws, string subject, string html,
        string? text = null)
    {
        var email = await ws.Http.PostJsonAsync("/v1/emails", new
        {
            name = subject, subject, html, text, from_email = "hello@runnel.test", from_name = "Runnel",
        }).ExpectAsync(HttpStatusCode.Created);
        await ws.Http.PostJsonAsync($"/v1/emails/{email.Id()}/approve", null).ExpectAsync(HttpStatusCode.OK);
        return email.Id();
    }

    /// <summary>Creates and activates a flow from a JSON definition (triggers, steps, settings …).</summary>
    public static async Task<string> ActiveFlowAsync(this WorkspaceClient ws, string definitionJson, string name = "Flow")
    {
        var body = JsonNode.Parse(definitionJson)!.AsObject();
        body["name"] = name;
        var flow = await ws.Http.PostJsonAsync("/v1/flows", body.ToJsonString()).ExpectAsync(HttpStatusCode.Created);
        await ws.Http.PostJsonAsync($"/v1/flows/{flow.Id()}/activate", null).ExpectAsync(HttpStatusCode.OK);
        return flow.Id();
    }

    public static Task<JsonNode> TriggerAsync(this WorkspaceClient ws, string flowId, object body,
        HttpStatusCode expected = HttpStatusCode.Created) =>
        ws.Http.PostJsonAsync($"/v1/flows/{flowId}/trigger", body).ExpectAsync(expected);

    /// <summary>Moves the server-wide dev clock, which only the admin key may do.</summary>
    public static Task<JsonNode> AdvanceAsync(this WorkspaceClient ws, TimeSpan by) =>
        ws.Admin.PostJsonAsync("/v1/dev/clock", new { advance_seconds = (long)by.TotalSeconds }).ExpectAsync(HttpStatusCode.OK);

    public static Task<JsonNode> MemberAsync(this WorkspaceClient ws, string flowId, string memberId) =>
        ws.Http.GetAsync($"/v1/flows/{flowId}/members/{memberId}").ExpectAsync(HttpStatusCode.OK);

    public static async Task<JsonArray> OutboxAsync(this WorkspaceClient ws, string to) =>
        (await ws.Http.GetAsync($"/v1/dev/outbox?to={Uri.EscapeDataString(to)}&limit=100")
            .ExpectAsync(HttpStatusCode.OK))["messages"]!.AsArray();

    public static string[] TimelineTypes(this JsonNode member) =>
        member["timeline"]!.AsArray().Select(t => t!["type"]!.GetValue<string>()).ToArray();

    public static DateTimeOffset Time(this JsonNode node, string member) =>
        DateTimeOffset.Parse(node[member]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    public static string Status(this JsonNode member) => member["status"]!.GetValue<string>();

    public static async Task<JsonNode> StatsAsync(this WorkspaceClient ws, string flowId) =>
        (await ws.Http.GetAsync($"/v1/flows/{flowId}").ExpectAsync(HttpStatusCode.OK))["stats"]!;
}
