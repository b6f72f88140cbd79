using System.Net;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Flows;

/// <summary>Shorthands for the flows API in tests: create a flow, drive its lifecycle, read paths out of answers.</summary>
public static class FlowRequests
{
    public static async Task<string> CreateFlowAsync(this WorkspaceClient ws, object body) =>
        (await ws.Http.PostJsonAsync("/v1/flows", body).ExpectAsync(HttpStatusCode.Created)).Id();

    /// <summary>A flow with an api trigger and one drop_from_flow step: ready to activate as it is.</summary>
    public static Task<string> CreateReadyFlowAsync(this WorkspaceClient ws, string name = "Ready") =>
        ws.CreateFlowAsync(new
        {
            name,
            triggers = new[] { new { type = "api" } },
            steps = new[] { new { step_id = "bye", type = "drop_from_flow" } },
        });

    public static Task<JsonNode> ActAsync(this WorkspaceClient ws, string flowId, string action,
        HttpStatusCode status = HttpStatusCode.OK) =>
        ws.Http.PostJsonAsync($"/v1/flows/{flowId}/{action}", null).ExpectAsync(status);

    public static Task<JsonNode> ActProblemAsync(this WorkspaceClient ws, string flowId, string action,
        HttpStatusCode status, string errorCode) =>
        ws.Http.PostJsonAsync($"/v1/flows/{flowId}/{action}", null).ExpectProblemAsync(status, errorCode);

    public static string Text(this JsonNode node, string name) => node[name]!.GetValue<string>();

    public static string[] StepIds(this JsonNode flow) =>
        flow["steps"]!.AsArray().Select(s => s!["step_id"]!.GetValue<string>()).ToArray();

    public static string[] Paths(this JsonNode problem, string member = "missing") =>
        problem[member]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).ToArray();
}
