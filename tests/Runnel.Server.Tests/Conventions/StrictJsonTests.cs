using System.Net;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Conventions;

/// <summary>
/// Issue 12: every body is checked once, before anything is built from it (RequestBody). Lone UTF-16 surrogate escapes
/// in free-form JSON, and duplicate member names on the routes that used their own parser, answered 500.
/// </summary>
public sealed class StrictJsonTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    private const string Lone = "\\ud800";
    private const string Reversed = "\\udfff\\ud800";

    /// <summary>Route template (IDs from <see cref="RealResources"/>), body, and the path the answer must name.</summary>
    public static TheoryData<string, string, string> FreeFormRoutes => new()
    {
        { "POST /v1/contacts", $$$"""{"email":"s@example.com","fields":{"plan":"{{{Lone}}}"}}""", "fields.plan" },
        { "PATCH /v1/contacts/{id}", $$$"""{"fields":{"plan":"{{{Reversed}}}"}}""", "fields.plan" },
        { "POST /v1/events", $$$"""{"name":"viewed","email":"s@example.com","properties":{"tags":["ok","{{{Lone}}}"]}}""", "properties.tags[1]" },
        { "POST /v1/flows/{id}/trigger", $$$$"""{"email":"s@example.com","context":{"cart":{"sku":"{{{{Lone}}}}"}}}""", "context.cart.sku" },
        { "POST /v1/flows/{id}/contacts/{contact_id}", $$$"""{"dynamic_context":{"x":"{{{Reversed}}}"}}""", "dynamic_context.x" },
        { "POST /v1/emails/{id}/preview", $$$"""{"context":{"a":1},"dynamic_context":{"b":"{{{Lone}}}"}}""", "dynamic_context.b" },
        {
            "POST /v1/lists",
            $$$"""{"name":"D","type":"dynamic","rules":{"source":"contact","field":"plan","operator":"eq","value":"{{{Lone}}}"}}""",
            "rules.value"
        },
        {
            "POST /v1/flows",
            $$$"""{"name":"F","steps":[{"step_id":"a","type":"drop_from_flow","label":"{{{Lone}}}"}]}""", "steps[0].label"
        },
        {
            "PATCH /v1/flows/{id}/steps/{stepId}",
            $$$$"""{"step":{"type":"send_webhook","endpoint_url":"https://example.com","custom_fields":{"k":"{{{{Lone}}}}"}}}""",
            "step.custom_fields.k"
        },
        { "POST /forms/{formId}/submit", $$$"""{"email":"{{{Lone}}}@example.com"}""", "email" },
        { "POST /v1/webhooks/email/{provider}", $$$"""[{"message_id":"{{{Reversed}}}","type":"bounced"}]""", "[0].message_id" },
        { "POST /v1/contacts", $$$"""{"email":"t@example.com","fields":{"{{{Lone}}}":"x"}}""", "fields" },
    };

    [Theory]
    [MemberData(nameof(FreeFormRoutes))]
    public async Task Lone_surrogate_in_free_form_json_is_400_invalid_json(string route, string body, string path)
    {
        using var ws = await factory.NewWorkspaceAsync();
        var ids = await RealResources.SeedAsync(ws);
        var (method, template) = (route.Split(' ')[0], route.Split(' ')[1]);

        var problem = await ws.Http.SendJsonAsync(new HttpMethod(method), RealResources.Fill(template, ids), body)
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
        Assert.Equal([path], problem["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Lone_surrogate_in_context_is_400_invalid_json()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var ids = await RealResources.SeedAsync(ws);

        var problem = await ws.Http.PostJsonAsync($"/v1/flows/{ids["flows"]}/trigger",
                $$$"""{"contact_id":"{{{ids["contact"]}}}","context":{"name":"{{{Lone}}}"}}""")
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
        Assert.Contains("context.name", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_surrogate_pair_and_other_escapes_are_still_accepted()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await RealResources.SeedAsync(ws);
        var contact = await ws.Http.PostJsonAsync("/v1/contacts",
                """{"email":"pair@example.com","fields":{"plan":"\ud83d\ude00 \u00e9\n"}}""")
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("\U0001F600 \u00e9\n", contact["contact"]!["fields"]!["plan"]!.GetValue<string>());
    }

    [Fact]
    public async Task Duplicate_member_names_in_provider_webhook_is_400()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.PostJsonAsync("/v1/webhooks/email/generic",
                """{"events":[{"message_id":"a","type":"bounced"}],"events":[]}""")
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
        await ws.Http.PostJsonAsync("/v1/webhooks/email/sendgrid", """[{"event":"bounce","event":"open"}]""")
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
    }

    [Fact]
    public async Task Duplicate_member_names_in_form_submission_is_400()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var ids = await RealResources.SeedAsync(ws);
        await ws.Http.PostJsonAsync($"/forms/{ids["forms"]}/submit", """{"email":"a@example.com","email":"b@example.com"}""")
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
    }
}
