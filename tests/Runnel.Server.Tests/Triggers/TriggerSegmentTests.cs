using System.Net;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Triggers;

/// <summary>Every automatic trigger type honours its segment; date triggers work on created_at too.</summary>
public sealed class TriggerSegmentTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    private const string Gold = """ "segment":{"source":"contact","field":"first_name","operator":"eq","value":"Gold"} """;

    [Fact]
    public async Task Segments_restrict_list_contact_and_form_triggers()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var list = await ws.StaticListAsync();
        var form = await ws.Http.PostJsonAsync("/v1/forms", new
        {
            name = "F",
            fields = new object[]
            {
                new { name = "email", type = "email", required = true },
                new { name = "first_name", type = "text", required = false },
            },
        }).ExpectAsync(HttpStatusCode.Created);
        var created = await ws.WaitingFlowAsync($$"""[{"type":"contact_created",{{Gold}}}]""");
        var updated = await ws.WaitingFlowAsync($$"""[{"type":"contact_updated","field":"last_name","operator":"changed",{{Gold}}}]""");
        var added = await ws.WaitingFlowAsync($$"""[{"type":"added_to_static_list","list_id":"{{list}}",{{Gold}}}]""");
        var removed = await ws.WaitingFlowAsync($$"""[{"type":"removed_from_static_list","list_id":"{{list}}",{{Gold}}}]""");
        var submitted = await ws.WaitingFlowAsync($$"""[{"type":"form_submitted","form_id":"{{form.Id()}}",{{Gold}}}]""");

        var gold = await ws.ContactAsync(new { email = "gold@x.test", first_name = "Gold" });
        var plain = await ws.ContactAsync(new { email = "plain@x.test", first_name = "Plain" });
        foreach (var contact in new[] { gold, plain })
        {
            await ws.Http.PatchJsonAsync($"/v1/contacts/{contact}", new { last_name = "Changed" }).ExpectAsync(HttpStatusCode.OK);
            await ws.Http.PostJsonAsync($"/v1/lists/{list}/contacts", new { contact_ids = new[] { contact } })
                .ExpectAsync(HttpStatusCode.OK);
            await ws.Http.DeleteAsync($"/v1/lists/{list}/contacts/{contact}").ExpectAsync(HttpStatusCode.NoContent);
        }

        using var anonymous = factory.CreateClient();
        var goldForm = (await anonymous.PostJsonAsync($"/forms/{form.Id()}/submit",
            new { email = "gold-form@x.test", first_name = "Gold" }).ExpectAsync(HttpStatusCode.Created)).Id("contact_id");
        await anonymous.PostJsonAsync($"/forms/{form.Id()}/submit", new { email = "plain-form@x.test", first_name = "Plain" })
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(new[] { gold, goldForm }.Order().ToArray(), await ws.EnteredAsync(created));
        Assert.Equal([gold], await ws.EnteredAsync(updated));
        Assert.Equal([gold], await ws.EnteredAsync(added));
        Assert.Equal([gold], await ws.EnteredAsync(removed));
        Assert.Equal([goldForm], await ws.EnteredAsync(submitted));
    }

    [Fact]
    public async Task A_date_trigger_on_created_at_enrolls_contacts_the_day_after_they_were_created()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await ws.WaitingFlowAsync("""
            [{"type":"date_based","field":"created_at","mode":"after_date","days_after":1,"trigger_time":"10:00","timezone":"UTC"}]
            """);
        var now = factory.Clock.GetUtcNow();
        var fresh = await ws.ContactAsync(new { email = "fresh@x.test" });
        Assert.Empty(await ws.EnteredAsync(flowId));

        var nextRun = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddHours(10), TimeSpan.Zero).AddMinutes(1);
        await ws.AdvanceAsync(nextRun - factory.Clock.GetUtcNow());
        Assert.Equal([fresh], await ws.EnteredAsync(flowId));

        await ws.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Equal([fresh], await ws.EnteredAsync(flowId));
    }
}
