using System.Net;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Flows;

/// <summary>POST /v1/flows/{id}/validate: activation's checks as a dry run (API.md §8.5), changing nothing.</summary>
public sealed class FlowValidateTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    [Fact]
    public async Task Validate_reports_what_activation_would_and_changes_nothing()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flow = await ws.Http.PostJsonAsync("/v1/flows", new
        {
            name = "dry run", triggers = new[] { new { type = "api" } },
            steps = new object[] { new { step_id = "hello", type = "send_email" } },
        }).ExpectAsync(HttpStatusCode.Created);

        var notReady = await ws.Http.PostJsonAsync($"/v1/flows/{flow.Id()}/validate", null).ExpectAsync(HttpStatusCode.OK);
        Assert.False(notReady["ready"]!.GetValue<bool>());
        var activation = await ws.Http.PostJsonAsync($"/v1/flows/{flow.Id()}/activate", null)
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "flow_not_ready");
        Assert.Equal(activation["missing"]!.ToJsonString(), notReady["missing"]!.ToJsonString());
        var unchanged = await ws.Http.GetAsync($"/v1/flows/{flow.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("draft", unchanged["status"]!.GetValue<string>());
        Assert.Equal(flow["version"]!.GetValue<int>(), unchanged["version"]!.GetValue<int>());

        await ws.Http.PutJsonAsync($"/v1/flows/{flow.Id()}/steps", new
        {
            steps = new[] { new { step_id = "w", type = "wait", duration_amount = 1, duration_unit = "hours" } },
        }).ExpectAsync(HttpStatusCode.OK);
        var ready = await ws.Http.PostJsonAsync($"/v1/flows/{flow.Id()}/validate", null).ExpectAsync(HttpStatusCode.OK);
        Assert.True(ready["ready"]!.GetValue<bool>());
        Assert.Empty(ready["missing"]!.AsArray());
        Assert.Equal("draft", (await ws.Http.GetAsync($"/v1/flows/{flow.Id()}").ExpectAsync(HttpStatusCode.OK))["status"]!.GetValue<string>());

        await ws.Http.PostJsonAsync($"/v1/flows/{Guid.CreateVersion7()}/validate", null)
            .ExpectProblemAsync(HttpStatusCode.NotFound, "flow_not_found");
        using var reader = factory.ClientWithKey((await ws.Http.PostJsonAsync("/v1/api-keys",
            new { name = "r", kind = "secret", scopes = new[] { "FLOWS_READ" } }).ExpectAsync(HttpStatusCode.Created))["key"]!.GetValue<string>());
        await reader.PostJsonAsync($"/v1/flows/{flow.Id()}/validate", null).ExpectAsync(HttpStatusCode.OK);
    }
}
