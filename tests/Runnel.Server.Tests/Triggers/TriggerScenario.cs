using System.Net;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Triggers;

/// <summary>Helpers for trigger tests: a flow that holds its members in a long wait, and who entered it.</summary>
public static class TriggerScenario
{
    /// <summary>An active flow with these triggers whose members wait 30 days, so everyone who entered stays visible.</summary>
    public static Task<string> WaitingFlowAsync(this WorkspaceClient ws, string triggersJson,
        string reentry = "no_reentry") =>
        ws.ActiveFlowAsync($$"""
            {"triggers":{{triggersJson}},"reentry_policy":{"mode":"{{reentry}}"},
             "steps":[{"step_id":"hold","type":"wait","duration_amount":30,"duration_unit":"days"}]}
            """);

    /// <summary>Runs due work (dispatch included) and returns the contact ids of the flow's members.</summary>
    public static async Task<string[]> EnteredAsync(this WorkspaceClient ws, string flowId)
    {
        await ws.AdvanceAsync(TimeSpan.Zero);
        var members = await ws.Http.GetAsync($"/v1/flows/{flowId}/members?limit=100").ExpectAsync(HttpStatusCode.OK);
        return members["members"]!.AsArray().Select(m => m!["contact_id"]!.GetValue<string>()).Order().ToArray();
    }

    public static async Task<string> ContactAsync(this WorkspaceClient ws, object body) =>
        (await ws.Http.PostJsonAsync("/v1/contacts", body).ExpectAsync(HttpStatusCode.Created)).Id("contact_id");

    public static async Task<string> StaticListAsync(this WorkspaceClient ws) =>
        (await ws.Http.PostJsonAsync("/v1/lists", new { name = "L", type = "static" })
            .ExpectAsync(HttpStatusCode.Created)).Id();

    public static async Task<string> FieldAsync(this WorkspaceClient ws, string name, string type)
    {
        await ws.Http.PostJsonAsync("/v1/custom-fields", new { api_name = name, label = name, type })
            .ExpectAsync(HttpStatusCode.Created);
        return name;
    }

    public static JsonNode Member(this JsonNode list, string contactId) =>
        list["members"]!.AsArray().Single(m => m!["contact_id"]!.GetValue<string>() == contactId)!;
}
