using System.Net;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Flows;

/// <summary>PUT /v1/flows/{id}/steps/{step_id}/email with its four sources, and send_email activation checks.</summary>
public sealed class StepEmailTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    private static async Task<string> DraftFlowAsync(WorkspaceClient ws)
    {
        var flow = await ws.Http.PostJsonAsync("/v1/flows", """
            {"name":"Inline emails","triggers":[{"type":"api"}],
             "steps":[{"step_id":"hello","type":"send_email","next_step_id":"bye"},
                      {"step_id":"bye","type":"drop_from_flow"}]}
            """).ExpectAsync(HttpStatusCode.Created);
        return flow.Id();
    }

    [Fact]
    public async Task Each_source_points_the_step_at_an_email_and_activation_waits_for_approval()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await DraftFlowAsync(ws);

        var notReady = await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/activate", null)
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "flow_not_ready");
        Assert.Contains(notReady["missing"]!.AsArray(), m => m!["path"]!.GetValue<string>() == "steps[0].email_id");

        var blank = await ws.Http.PutJsonAsync($"/v1/flows/{flowId}/steps/hello/email",
            new { source = "blank", subject = "Hello" }).ExpectAsync(HttpStatusCode.OK);
        var draftId = blank["steps"]![0]!["email_id"]!.GetValue<string>();
        var draft = await ws.Http.GetAsync($"/v1/emails/{draftId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("draft", draft["status"]!.GetValue<string>());
        Assert.Equal("Hello", draft["subject"]!.GetValue<string>());
        var stillDraft = await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/activate", null)
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "flow_not_ready");
        Assert.Contains(stillDraft["missing"]!.AsArray(), m => m!["path"]!.GetValue<string>() == "steps[0].email_id");

        var html = await ws.Http.PutJsonAsync($"/v1/flows/{flowId}/steps/hello/email",
            new { source = "html", subject = "Hi {{contact.first_name}}", html = "<p>Hi</p>" }).ExpectAsync(HttpStatusCode.OK);
        var htmlEmail = await ws.Http.GetAsync($"/v1/emails/{html["steps"]![0]!["email_id"]}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("<p>Hi</p>", htmlEmail["html"]!.GetValue<string>());

        var template = await ws.Http.PostJsonAsync("/v1/templates", new { name = "Base", html = "<p>From template</p>" })
            .ExpectAsync(HttpStatusCode.Created);
        var fromTemplate = await ws.Http.PutJsonAsync($"/v1/flows/{flowId}/steps/hello/email",
            new { source = "template", template_id = template.Id(), subject = "Templated" }).ExpectAsync(HttpStatusCode.OK);
        var templated = await ws.Http.GetAsync($"/v1/emails/{fromTemplate["steps"]![0]!["email_id"]}")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("<p>From template</p>", templated["html"]!.GetValue<string>());

        var approved = await ws.ApprovedEmailAsync("Ready", "<p>Ready</p>");
        var existing = await ws.Http.PutJsonAsync($"/v1/flows/{flowId}/steps/hello/email",
            new { source = "existing", email_id = approved }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(approved, existing["steps"]![0]!["email_id"]!.GetValue<string>());
        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/activate", null).ExpectAsync(HttpStatusCode.OK);

        await ws.Http.PutJsonAsync($"/v1/flows/{flowId}/steps/hello/email", new { source = "existing", email_id = approved })
            .ExpectProblemAsync(HttpStatusCode.Conflict, "flow_not_editable");
    }

    [Fact]
    public async Task Bad_requests_get_the_documented_errors()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync();
        var flowId = await DraftFlowAsync(ws);
        var foreignEmail = await other.ApprovedEmailAsync("Theirs", "<p>x</p>");

        await ws.Http.PutJsonAsync($"/v1/flows/{flowId}/steps/bye/email", new { source = "blank", subject = "x" })
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "step_not_send_email");
        await ws.Http.PutJsonAsync($"/v1/flows/{flowId}/steps/nope/email", new { source = "blank", subject = "x" })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "flow_step_not_found");
        await ws.Http.PutJsonAsync($"/v1/flows/{flowId}/steps/hello/email", new { source = "existing", email_id = foreignEmail })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "email_not_found");
        await ws.Http.PutJsonAsync($"/v1/flows/{flowId}/steps/hello/email",
                new { source = "template", template_id = Guid.CreateVersion7(), subject = "x" })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "template_not_found");
        await ws.Http.PutJsonAsync($"/v1/flows/{flowId}/steps/hello/email", new { source = "pigeon" })
            .ExpectValidationAsync("source");
        await ws.Http.PutJsonAsync($"/v1/flows/{flowId}/steps/hello/email", new { source = "html", subject = "x" })
            .ExpectValidationAsync("html");
        await ws.Http.PutJsonAsync($"/v1/flows/{flowId}/steps/hello/email", new { source = "blank", subject = "x", html = "<p/>" })
            .ExpectValidationAsync("html");
        await other.Http.PutJsonAsync($"/v1/flows/{flowId}/steps/hello/email", new { source = "blank", subject = "x" })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "flow_not_found");

        var flowsOnly = await ws.Http.PostJsonAsync("/v1/api-keys",
            new { name = "flows", kind = "secret", scopes = new[] { "FLOWS_WRITE" } }).ExpectAsync(HttpStatusCode.Created);
        using var limited = factory.ClientWithKey(flowsOnly["key"]!.GetValue<string>());
        await limited.PutJsonAsync($"/v1/flows/{flowId}/steps/hello/email", new { source = "blank", subject = "x" })
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
    }
}
