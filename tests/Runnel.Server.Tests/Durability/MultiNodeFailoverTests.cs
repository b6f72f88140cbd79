using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Durability;

/// <summary>
/// Identical nodes on one PostgreSQL share the work, survive a node's death and a node's freeze past its lease, and
/// never run a step twice. Real processes on the real clock: the waits below are for real time to pass (a flow's
/// one-minute wait, a lease running out), polled, with generous deadlines. A SQLite file has one process, so this
/// class runs in the PostgreSQL pass of scripts/test.sh only (trait Category=Cluster, filtered out of the SQLite pass).
/// </summary>
[Trait("Category", "Cluster")]
[Collection(ClusterGroup.Name)]
public sealed class MultiNodeFailoverTests
{
    private const int Members = 3000;
    private const int LeaseSeconds = 3;

    [Fact]
    public async Task Three_nodes_finish_every_member_once_through_a_kill_and_a_pause_past_the_lease()
    {
        // Node 1 holds each claimed batch 400 ms before committing (fault injection), so when it is frozen it is
        // frozen holding claims; node 2 is killed outright.
        await using var cluster = await Cluster.StartAsync(3, i => new Dictionary<string, string>
        {
            ["RUNNEL_CLAIM_LEASE_SECONDS"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RUNNEL_FAULT_HOLD_AFTER_CLAIM_MS"] = i == 1 ? "400" : "0",
        });
        var (_, clients) = await cluster.NewWorkspaceAsync();
        var api = clients[0];
        await api.PostJsonAsync("/v1/custom-fields", new { api_name = "plan", label = "Plan", type = "text" })
            .ExpectAsync(HttpStatusCode.Created);
        var email = (await api.PostJsonAsync("/v1/emails", new
        {
            name = "Hello", subject = "Hello", html = "<p>Hi {{contact.email}}</p>", from_email = "hi@runnel.test",
        }).ExpectAsync(HttpStatusCode.Created)).Id();
        await api.PostJsonAsync($"/v1/emails/{email}/approve", null).ExpectAsync(HttpStatusCode.OK);
        var flow = (await api.PostJsonAsync("/v1/flows", $$"""
            {"name":"Cluster","triggers":[{"type":"api"}],
             "steps":[
               {"step_id":"hello","type":"send_email","email_id":"{{email}}","next_step_id":"pause"},
               {"step_id":"pause","type":"wait","duration_amount":1,"duration_unit":"minutes","next_step_id":"tag"},
               {"step_id":"tag","type":"update_contact","field":"plan","value":"done"}]}
            """).ExpectAsync(HttpStatusCode.Created)).Id();
        await api.PostJsonAsync($"/v1/flows/{flow}/activate", null).ExpectAsync(HttpStatusCode.OK);

        var (paused, killed) = (cluster.Nodes[1], cluster.Nodes[2]);
        var healthy = new[] { true, true, true };
        var unanswered = new ConcurrentBag<int>();
        var next = -1;
        var chaos = new TaskCompletionSource();

        async Task EnrollAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Members)
            {
                if (i == Members / 3)
                {
                    chaos.TrySetResult();
                }

                var node = i % 3;
                var client = healthy[node] ? clients[node] : api;
                try
                {
                    var response = await client.PostAsJsonAsync($"/v1/flows/{flow}/trigger",
                        new { email = $"member{i}@cluster.test" });
                    if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
                    {
                        unanswered.Add(i);
                    }
                }
                catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
                {
                    // The node died or froze under this request: whether it committed is unknown, so it is sent again
                    // below; the contact can only ever have one running membership.
                    unanswered.Add(i);
                }
            }
        }

        var enrolling = Task.WhenAll(Enumerable.Range(0, 24).Select(_ => EnrollAsync()));
        await chaos.Task;
        healthy[1] = healthy[2] = false;
        await killed.KillAsync();
        var held = await FreezeHoldingClaimsAsync(cluster, paused);

        // Past the lease the other node takes node 1's claimed members over; only then does it wake.
        var stillHeld = $"SELECT COUNT(*) FROM flow_members WHERE lease_owner = 'node-1' AND id IN ({held})";
        await WaitUntilAsync(async () => await cluster.ScalarAsync(stillHeld) == 0,
            TimeSpan.FromSeconds(LeaseSeconds * 20), "another node to take the frozen node's claims over");
        await paused.ResumeAsync();
        healthy[1] = true;
        await enrolling;
        foreach (var i in unanswered)
        {
            var response = await api.PostAsJsonAsync($"/v1/flows/{flow}/trigger", new { email = $"member{i}@cluster.test" });
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK,
                $"member{i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await WaitUntilAsync(async () =>
            {
                if (await cluster.ScalarAsync("SELECT COUNT(*) FROM flow_members WHERE status = 'failed'") > 0)
                {
                    Assert.Fail($"A member failed. State: {await cluster.MemberCensusAsync()}");
                }

                return await cluster.ScalarAsync(
                    "SELECT COUNT(*) FROM flow_members WHERE status = 'completed'") == Members;
            },
            TimeSpan.FromMinutes(4), $"all {Members} members to complete", cluster.MemberCensusAsync);

        Assert.Equal(Members, await cluster.ScalarAsync("SELECT COUNT(*) FROM flow_members"));
        Assert.Equal(Members, await cluster.ScalarAsync("SELECT COUNT(DISTINCT contact_id) FROM flow_members"));
        // No step ran twice: one timeline entry of each kind per member and step (a failed attempt scheduled for retry
        // is logged with its error and is not a run), one message per member.
        Assert.Equal(0, await cluster.ScalarAsync(
            """
            SELECT COUNT(*) FROM (
                SELECT member_id, step_id, type FROM member_timeline
                WHERE type IN ('entered_flow', 'step_executed', 'email_sent', 'contact_updated', 'completed')
                    AND data NOT LIKE '%"error":%'
                GROUP BY member_id, step_id, type HAVING COUNT(*) > 1) repeated
            """));
        Assert.Equal(Members, await cluster.ScalarAsync(
            "SELECT COUNT(*) FROM member_timeline WHERE type = 'completed'"));
        Assert.Equal(Members, await cluster.ScalarAsync("SELECT COUNT(*) FROM outbox"));
        Assert.Equal(Members, await cluster.ScalarAsync("SELECT COUNT(DISTINCT member_id) FROM outbox"));
        Assert.Equal(Members, await cluster.ScalarAsync(
            "SELECT COUNT(*) FROM contacts WHERE fields LIKE '%\"plan\":\"done\"%'"));
        Assert.Equal(0, await cluster.ScalarAsync("SELECT COUNT(*) FROM flow_members WHERE lease_owner IS NOT NULL"));
        // The frozen node came back holding claims another node had taken over: its writes were refused.
        Assert.True(await Cluster.MetricAsync(paused, "runnel_stale_writes_total") > 0,
            "the resumed node's stale results should have been refused");
        // The surviving nodes both ran steps (the killed one's counters died with it).
        Assert.True(await Cluster.MetricAsync(cluster.Nodes[0], "runnel_steps_executed_total") > 0);
        Assert.True(await Cluster.MetricAsync(paused, "runnel_steps_executed_total") > 0);
    }

    /// <summary>
    /// Freezes node 1 at a moment it holds claims another node can take over: claimed rows it has not committed and
    /// that no open transaction of its own has locked (a node frozen inside its commit transaction keeps those rows
    /// locked, so nobody takes them over and its write is not stale). The metric read and the SIGSTOP are two steps,
    /// so the node may finish its batch between them; then it is thawed and frozen again.
    /// </summary>
    /// <returns>The held members' ids, as a SQL list.</returns>
    private static async Task<string> FreezeHoldingClaimsAsync(Cluster cluster, ServerProcess node)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await WaitUntilAsync(async () => await Cluster.MetricAsync(node, "runnel_runner_in_flight") > 0,
                TimeSpan.FromSeconds(30), "node 1 to hold claimed members");
            await node.PauseAsync();
            var takeable = await cluster.ColumnAsync<string>(
                "SELECT CAST(id AS TEXT) FROM flow_members WHERE lease_owner = 'node-1' FOR UPDATE SKIP LOCKED");
            if (takeable.Count > 0)
            {
                return string.Join(", ", takeable.Select(id => $"'{id}'"));
            }

            await node.ResumeAsync();
        }

        throw new TimeoutException("node 1 was never frozen holding claims another node could take over");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what,
        Func<Task<string>>? state = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > timeout)
            {
                var seen = state is null ? "" : $" State: {await state()}";
                throw new TimeoutException($"Gave up waiting for {what} after {timeout}.{seen}");
            }

            // Real processes on the real clock: there is no fake clock to move, only time to let pass.
            await Task.Delay(200);
        }
    }
}
