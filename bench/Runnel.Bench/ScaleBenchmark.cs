using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Runnel.Bench;

/// <summary>
/// Scale-out on PostgreSQL: for each node count, a fresh database and that many identical runnel processes on it
/// (same RUNNEL_DATABASE and RUNNEL_SECRET_KEY, their own RUNNEL_NODE_ID). N members are enrolled, spread over the
/// nodes, into <c>hold</c> (a wait until the contact's <c>release_at</c>, one instant T for all) → <c>touch</c>
/// (update_contact) → <c>check</c> (condition_check), so all fall due at T on the real clock and every node's runner
/// wakes for them by itself; the drain is timed from T to the last member's <c>exited_at</c>. The dev clock is per
/// process (each node would move only its own), so this part does not use it. Prints, per enrollment and per step,
/// the cluster's statements, commits, rows, WAL, retries and CPU, the backends' wait events, and a table of the node
/// counts with the ratios to the first; checks that every member completed once with no repeated timeline entry.
/// </summary>
public static class ScaleBenchmark
{
    private const string Flow = """
        {"triggers":[{"type":"api"}],
         "steps":[
           {"step_id":"hold","type":"wait","until_date_field":"release_at","next_step_id":"touch"},
           {"step_id":"touch","type":"update_contact","field":"last_name","value":"drained","next_step_id":"check"},
           {"step_id":"check","type":"condition_check",
            "condition":{"source":"contact","field":"last_name","operator":"eq","value":"drained"}}]}
        """;

    public static async Task RunAsync(BenchOptions options, Report report, string repoRoot, BenchBackend backend)
    {
        if (!backend.IsPostgres)
        {
            report.Section("scale");
            report.Line($"scale measures several nodes sharing one PostgreSQL database: run it with --backend postgres.");
            return;
        }

        var members = options.DrainMembers ?? 30_000;
        var results = new List<ScaleResult>();
        foreach (var nodes in options.ScaleNodes)
        {
            results.Add(await RunNodesAsync(options, report, repoRoot, backend, nodes, members));
        }

        Summarise(report, results, members);
    }

    private static async Task<ScaleResult> RunNodesAsync(BenchOptions options, Report report, string repoRoot,
        BenchBackend backend, int nodes, int n)
    {
        report.Section($"scale: {nodes} node{(nodes == 1 ? "" : "s")} on one PostgreSQL database, {n} members due at one instant (real clock)");
        var shared = await backend.ForServerAsync($"scale{nodes}");
        var database = shared.Database!;
        var servers = await Task.WhenAll(Enumerable.Range(1, nodes).Select(i => RunnelServer.StartAsync(repoRoot,
            backend, $"scale{nodes}n{i}", new Dictionary<string, string> { ["RUNNEL_NODE_ID"] = $"bench-node-{i}" },
            shared)));
        var loads = servers.Select(s => new LoadGenerator(s.BaseAddress,
            Math.Max(1, options.Connections / nodes), RunnelServer.AdminKey)).ToArray();
        try
        {
            var api = new RunnelApi(servers[0].Control);
            await api.CustomFieldAsync("release_at", "datetime");
            var parkedFlow = await api.ActiveFlowAsync("Bench scale warm-up", BenchFlows.Parked);
            var flowId = await api.ActiveFlowAsync("Bench scale", Flow);

            // Warm-up on every node (JIT, pools), twice: the second run, warm, tells how fast enrollment will go, and
            // the release instant must fall after every member is parked and the counters have settled.
            long warmed = 0;
            var warmRate = 0.0;
            for (var round = 0; round < 2; round++)
            {
                var warm = await OnEveryNodeAsync(loads, (load, node) => load.RunAsync(
                    i => RunnelApi.Trigger(parkedFlow, $"warm{round}n{node}-{i}@bench.test"), TimeSpan.FromSeconds(3)));
                warmed += warm.Sum(r => r.Count(201));
                warmRate = warm.Sum(r => r.Count(201)) / warm.Max(r => r.Elapsed.TotalSeconds);
            }

            await api.WaitForStatAsync(parkedFlow, "waiting_count", warmed);
            report.Line($"warm-up: {warmed} enrollments over {nodes} node(s) in 2 × 3 s; the second 3 s ran {warmRate:F0}/s");

            var beforeEnroll = await ClusterSnapshot.TakeAsync(servers, backend, database);
            var estimate = TimeSpan.FromSeconds(n / Math.Max(warmRate, 1));
            var release = DateTimeOffset.FromUnixTimeSeconds(
                (DateTimeOffset.UtcNow + 1.5 * estimate + TimeSpan.FromSeconds(DrainBenchmark.SettleSeconds + 15))
                .ToUnixTimeSeconds() + 1);
            var contact = $$$"""{"fields":{"release_at":"{{{release.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}}"}}""";
            report.Line($"release instant T = {release:HH:mm:ss}Z ({(release - DateTimeOffset.UtcNow).TotalSeconds:F0} s ahead: 1.5 times the enrollment time the warm-up rate predicts, plus the settle and 15 s)");

            // Enrollment: the members spread evenly over the nodes, each node's share from its own connections.
            var (enrollCpu, enrollPgCpu) = (RunnelCpu(servers), await backend.PostgresCpuSecondsAsync());
            var clock = Stopwatch.StartNew();
            LoadResult[] enrolled;
            string enrollWaits;
            await using (var sampler = await WaitSampler.StartAsync(backend, database))
            {
                enrolled = await OnEveryNodeAsync(loads, (load, node) => load.RunAsync(
                    i => RunnelApi.Trigger(flowId, $"s{node}-{i}@bench.test", contact),
                    count: n / nodes + (node < n % nodes ? 1 : 0)));
                await api.WaitForStatAsync(flowId, "waiting_count", n);
                enrollWaits = await sampler.StopAsync();
            }

            var parkedAfter = clock.Elapsed.TotalSeconds;
            enrollCpu = RunnelCpu(servers) - enrollCpu;
            enrollPgCpu = await backend.PostgresCpuSecondsAsync() - enrollPgCpu;
            var created = enrolled.Sum(r => r.Count(201));
            var loadSeconds = enrolled.Max(r => r.Elapsed.TotalSeconds);
            for (var node = 0; node < nodes; node++)
            {
                report.Line($"enroll via node {node + 1}, {Math.Max(1, options.Connections / nodes)} connections: {enrolled[node].Summary(201)}");
            }

            if (created != n)
            {
                throw new InvalidOperationException($"{created} of {n} enrollments were created.");
            }

            var afterEnroll = await ClusterSnapshot.TakeAsync(servers, backend, database);
            var enroll = PhaseCost.Between(beforeEnroll, afterEnroll, n,
                await backend.WalBytesAsync(beforeEnroll.WalLsn, afterEnroll.WalLsn), enrollCpu, enrollPgCpu, parkedAfter);
            var enrollSteps = afterEnroll.Sum("runnel_steps_executed_total") - beforeEnroll.Sum("runnel_steps_executed_total");
            report.Line($"enrolled {n} in {loadSeconds:F1} s = {n / loadSeconds:F0}/s; all parked in the hold {parkedAfter:F1} s after the start ({enrollSteps} runner steps: the hold each member enters)");
            report.Line($"enrollment {enroll.Describe("enrollment (the trigger and the step that parks the member)")}");
            report.Line($"rows per enrollment by table (inserted/updated/deleted): {afterEnroll.TableWrites(beforeEnroll, n)}");
            report.Line($"PostgreSQL backends during the enrollment: {enrollWaits}");

            var early = await api.StatAsync(flowId, "completed_count");
            var ahead = release - DateTimeOffset.UtcNow;
            if (early != 0 || ahead < TimeSpan.FromSeconds(1))
            {
                throw new InvalidOperationException(
                    $"The release instant came too soon ({early} members already completed, {ahead.TotalSeconds:F1} s left): the enrollment ran slower than the warm-up predicted; run again.");
            }

            // The drain: nothing to send; every node's runner sleeps until T, which it read from the database.
            report.Line($"idle until T: {ahead.TotalSeconds:F1} s");
            await Task.Delay(ahead - TimeSpan.FromMilliseconds(300));
            var (drainCpu, drainPgCpu) = (RunnelCpu(servers), await backend.PostgresCpuSecondsAsync());
            string drainWaits;
            await using (var sampler = await WaitSampler.StartAsync(backend, database))
            {
                await WaitForCompletedAsync(backend, database, flowId, n);
                drainWaits = await sampler.StopAsync();
            }

            drainCpu = RunnelCpu(servers) - drainCpu;
            drainPgCpu = await backend.PostgresCpuSecondsAsync() - drainPgCpu;
            var drainLsn = await backend.WalLsnAsync();
            var last = await ScalarAsync(backend, database,
                "SELECT max(exited_at) FROM flow_members WHERE flow_id = @flow", flowId);
            var seconds = (last - release.ToUnixTimeMilliseconds()) / 1000.0;
            var afterDrain = await ClusterSnapshot.TakeAsync(servers, backend, database);
            var stepsByNode = Enumerable.Range(0, nodes).Select(i =>
                (long)(afterDrain.Metrics[i]["runnel_steps_executed_total"] - afterEnroll.Metrics[i]["runnel_steps_executed_total"])).ToArray();
            var steps = stepsByNode.Sum();
            var drain = PhaseCost.Between(afterEnroll, afterDrain, steps,
                await backend.WalBytesAsync(afterEnroll.WalLsn, drainLsn), drainCpu, drainPgCpu, seconds);
            report.Line($"drain: {steps} steps ({(double)steps / n:F1} a member) from T to the last exited_at in {seconds:F2} s = {steps / seconds:F0} steps/s; steps by node {string.Join(" / ", stepsByNode)}");
            report.Line($"drain {drain.Describe("step")}");
            report.Line($"rows per step by table (inserted/updated/deleted): {afterDrain.TableWrites(afterEnroll, steps)}");
            report.Line($"PostgreSQL backends during the drain: {drainWaits}");

            var verdict = await CheckAsync(backend, database, flowId, n, report);
            return new ScaleResult(nodes, n / loadSeconds, enroll, steps / seconds, drain, verdict);
        }
        finally
        {
            foreach (var load in loads)
            {
                load.Dispose();
            }

            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static Task<T[]> OnEveryNodeAsync<T>(LoadGenerator[] loads, Func<LoadGenerator, int, Task<T>> run) =>
        Task.WhenAll(loads.Select((load, node) => run(load, node)));

    private static double RunnelCpu(IEnumerable<RunnelServer> servers) => servers.Sum(s => s.CpuSeconds());

    /// <summary>Polls the database (an index-only count) until every member of the flow has completed.</summary>
    private static async Task WaitForCompletedAsync(BenchBackend backend, string database, string flowId, long n)
    {
        var deadline = Stopwatch.StartNew();
        while (await ScalarAsync(backend, database,
                   "SELECT count(*) FROM flow_members WHERE flow_id = @flow AND status = 'completed'", flowId) < n)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(30))
            {
                throw new TimeoutException("The drain did not complete within 30 minutes.");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Every member completed once, every contact updated, no claim left, and no timeline entry (type and step) twice
    /// for a member — what a second run of a step by another node would leave.
    /// </summary>
    private static async Task<bool> CheckAsync(BenchBackend backend, string database, string flowId, long n,
        Report report)
    {
        var total = await ScalarAsync(backend, database, "SELECT count(*) FROM flow_members WHERE flow_id = @flow", flowId);
        var completed = await ScalarAsync(backend, database,
            "SELECT count(*) FROM flow_members WHERE flow_id = @flow AND status = 'completed'", flowId);
        var leased = await ScalarAsync(backend, database,
            "SELECT count(*) FROM flow_members WHERE flow_id = @flow AND lease_owner IS NOT NULL", flowId);
        var touched = await ScalarAsync(backend, database,
            "SELECT count(*) FROM flow_members m JOIN contacts c ON c.id = m.contact_id WHERE m.flow_id = @flow AND c.last_name = 'drained'",
            flowId);
        var repeated = await ScalarAsync(backend, database,
            """
            SELECT count(*) FROM (
                SELECT t.member_id FROM member_timeline t JOIN flow_members m ON m.id = t.member_id
                WHERE m.flow_id = @flow GROUP BY t.member_id, t.type, t.step_id HAVING count(*) > 1) repeats
            """, flowId);
        var entries = await ScalarAsync(backend, database,
            "SELECT count(*) FROM member_timeline t JOIN flow_members m ON m.id = t.member_id WHERE m.flow_id = @flow",
            flowId);
        var ok = total == n && completed == n && leased == 0 && touched == n && repeated == 0;
        report.Line($"check: members {total}, completed {completed}, contacts updated {touched} (expected {n} each); claims left {leased}; repeated timeline entries {repeated} ({(double)entries / Math.Max(1, total):F1} entries a member): {(ok ? "OK" : "MISMATCH")}");
        return ok;
    }

    private static async Task<long> ScalarAsync(BenchBackend backend, string database, string sql, string flowId)
    {
        await using var connection = await backend.OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("flow", Guid.Parse(flowId));
        return await command.ExecuteScalarAsync() is long value ? value : 0;
    }

    private static void Summarise(Report report, List<ScaleResult> results, int members)
    {
        report.Section($"scale: summary, {members} members; ratios to {results[0].Nodes} node(s)");
        var first = results[0];
        report.Line($"| nodes | enroll/s | × | drain steps/s | × | check |");
        report.Line($"|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            report.Line($"| {r.Nodes} | {r.EnrollPerSecond:F0} | {r.EnrollPerSecond / first.EnrollPerSecond:F2} | {r.StepsPerSecond:F0} | {r.StepsPerSecond / first.StepsPerSecond:F2} | {(r.Checked ? "OK" : "MISMATCH")} |");
        }

        foreach (var (unit, cost) in new (string, Func<ScaleResult, PhaseCost>)[]
                     { ("step (drain)", r => r.Drain), ("enrollment (trigger + parking step)", r => r.Enroll) })
        {
            report.Line($"");
            report.Line($"per {unit}:");
            report.Line($"| nodes | statements | node commits | PG commits | rows written | WAL bytes | WAL fsyncs | retries | stale | CPU runnel µs | CPU PostgreSQL µs | busy runnel + PG |");
            report.Line($"|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var r in results)
            {
                var c = cost(r);
                var pg = c.PostgresCpu is { } p ? (c.Per(p) * 1e6).ToString("F0", CultureInfo.InvariantCulture) : "n/a";
                var busy = c.PostgresCpu is { } q ? (q / c.Seconds * 100).ToString("F0", CultureInfo.InvariantCulture) : "n/a";
                report.Line($"| {r.Nodes} | {c.Per(c.Statements):F2} | {c.Per(c.NodeCommits):F3} | {c.Per(c.Database.Commits):F3} | {c.Per(c.Database.RowsWritten):F2} | {c.Per(c.WalBytes):F0} | {c.Per(c.Database.WalSyncs):F4} | {c.Per(c.Retries):F4} | {c.Per(c.StaleWrites):F4} | {c.Per(c.RunnelCpu) * 1e6:F0} | {pg} | {c.RunnelCpu / c.Seconds * 100:F0}% + {busy}% |");
            }
        }
    }
}
