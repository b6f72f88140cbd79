using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Runtime;

/// <summary>
/// The background loops wake on the commits that make their work due — the store's callback on SQLite, NOTIFY (and
/// the callback) on PostgreSQL — not on polling: the server under test polls once an hour, and the dev clock is never
/// moved while the work is expected to happen, so only a signal can have started each step.
/// </summary>
public sealed class WakeOnCommitTests(NoPollFactory factory) : IClassFixture<NoPollFactory>
{
    // How long a chain of signalled rounds may take on a loaded machine; it bounds a wait for the server's own
    // background work, it is not a sleep that lets time pass (the dev clock stands still throughout).
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_webhook_the_runner_queues_is_sent_at_once_and_its_answer_moves_the_member_on()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var path = factory.Receiver.Script();
        var flowId = await ws.ActiveFlowAsync($$"""
            {"triggers":[{"type":"api"}],
             "steps":[
               {"step_id":"hook","type":"send_webhook","endpoint_url":"{{factory.Receiver.BaseUrl}}{{path}}",
                "next_step_id":"after"},
               {"step_id":"after","type":"update_contact","field":"last_name","value":"Lovelace"}]}
            """);

        // Enrollment signals the runner; the runner's commit queues the delivery and signals the webhook loop; the
        // recorded answer makes the member due and signals the runner again.
        var memberId = (await ws.TriggerAsync(flowId, new { email = "ada@example.com" })).Id();

        var member = await EventuallyAsync(ws, flowId, memberId, "completed");
        Assert.Single(factory.Receiver.ReceivedAt(path));
        Assert.Contains("webhook_sent", member.TimelineTypes());
    }

    [Fact]
    public async Task A_contact_change_wakes_the_condition_wait_it_satisfies()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await ws.ActiveFlowAsync("""
            {"triggers":[{"type":"api"}],
             "steps":[
               {"step_id":"wait","type":"wait","condition":{"source":"contact","field":"first_name","operator":"eq","value":"Ada"},
                "timeout_minutes":600,"timeout_step_id":"gave_up","next_step_id":"after"},
               {"step_id":"gave_up","type":"drop_from_flow"},
               {"step_id":"after","type":"update_contact","field":"last_name","value":"Lovelace"}]}
            """);
        var started = await ws.TriggerAsync(flowId, new { email = "ada@example.com", contact = new { first_name = "A" } });
        await EventuallyAsync(ws, flowId, started.Id(), "waiting");

        await ws.Http.PatchJsonAsync($"/v1/contacts/{started.Id("contact_id")}", new { first_name = "Ada" })
            .ExpectAsync(HttpStatusCode.OK);

        await EventuallyAsync(ws, flowId, started.Id(), "completed");
    }

    [Fact]
    public async Task Reactivating_a_paused_flow_runs_the_members_that_fell_due_meanwhile()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await ws.ActiveFlowAsync("""
            {"triggers":[{"type":"api"}],
             "steps":[
               {"step_id":"wait","type":"wait","duration_amount":1,"duration_unit":"minutes","next_step_id":"after"},
               {"step_id":"after","type":"update_contact","field":"last_name","value":"Lovelace"}]}
            """);
        var memberId = (await ws.TriggerAsync(flowId, new { email = "ada@example.com" })).Id();
        await EventuallyAsync(ws, flowId, memberId, "waiting");
        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/pause", null).ExpectAsync(HttpStatusCode.OK);
        // Its wait ends while the flow is paused: nothing runs it then.
        await ws.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.Equal("waiting", (await ws.MemberAsync(flowId, memberId)).Status());

        await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/activate", null).ExpectAsync(HttpStatusCode.OK);

        await EventuallyAsync(ws, flowId, memberId, "completed");
    }

    private static async Task<JsonNode> EventuallyAsync(WorkspaceClient ws, string flowId, string memberId,
        string status)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var member = await ws.MemberAsync(flowId, memberId);
            if (member.Status() == status)
            {
                return member;
            }

            Assert.True(waited.Elapsed < Deadline,
                $"the member is still {member.Status()} after {Deadline}: {member.ToJsonString()}");
            // The server's own loops do the work; the test only looks again.
            await Task.Delay(20);
        }
    }
}
