using System.Diagnostics;

namespace Runnel.Bench;

/// <summary>
/// Step throughput: N members all due at once in a 3-step flow (update_contact → wait → condition_check). Uses the dev
/// clock so that "all due at once" is exact: members are enrolled (which also measures enrollment at scale) and parked
/// in a one-hour hold while the clock stands still, then one <c>POST /v1/dev/clock</c> of an hour releases them all and
/// answers when every one has run to its next wait — the same FlowRunner rounds the background runner uses. A second
/// advance of a day runs the condition_check that completes them. Also reports RSS with N waiting and after the drain,
/// and on PostgreSQL the transactions committed per step; returns both advances' figures (the peers part compares them).
/// </summary>
public static class DrainBenchmark
{
    private const string Flow = """
        {"triggers":[{"type":"api"}],
         "steps":[
           {"step_id":"hold","type":"wait","duration_amount":1,"duration_unit":"hours","next_step_id":"touch"},
           {"step_id":"touch","type":"update_contact","field":"last_name","value":"drained","next_step_id":"rest"},
           {"step_id":"rest","type":"wait","duration_amount":1,"duration_unit":"days","next_step_id":"check"},
           {"step_id":"check","type":"condition_check",
            "condition":{"source":"contact","field":"last_name","operator":"eq","value":"drained"}}]}
        """;

    public static async Task<DrainResult> RunAsync(BenchOptions options, Report report, string repoRoot,
        BenchBackend backend)
    {
        var n = options.DrainMembers ?? 100_000;
        report.Section($"drain: {n} members due at once (dev clock)");
        await using var server = await RunnelServer.StartAsync(repoRoot, backend, "drain",
            new Dictionary<string, string> { ["RUNNEL_DEV_CLOCK"] = "1" });
        var api = new RunnelApi(server.Control);
        var flowId = await api.ActiveFlowAsync("Bench drain", Flow);

        using (var load = new LoadGenerator(server.BaseAddress, options.Connections, RunnelServer.AdminKey))
        {
            var seeded = await load.RunAsync(i => RunnelApi.Trigger(flowId, $"drain{i}@bench.test"), count: n);
            report.Line($"seeding {n} enrollments, {options.Connections} connections: {seeded.Summary(201)}");
            if (seeded.Count(201) != n)
            {
                throw new InvalidOperationException("Not every seeding enrollment was created.");
            }
        }

        // The background runner parks each new member in the hold; wait until all are parked.
        var parkClock = Stopwatch.StartNew();
        await api.WaitForStatAsync(flowId, "waiting_count", n);

        report.Line($"all {n} parked in the hold {parkClock.Elapsed.TotalSeconds:F1} s after the last 201");
        report.Line($"server RSS with {n} members waiting: {server.RssMiB():F0} MiB");

        var first = await TimedAdvanceAsync(server, backend, api, report, 3600, "hold released → update_contact → parked in the 1-day wait");
        var waiting = await api.StatAsync(flowId, "waiting_count");
        var second = await TimedAdvanceAsync(server, backend, api, report, 86400, "1-day wait released → condition_check → completed");
        var completed = await api.StatAsync(flowId, "completed_count");
        report.Line($"check: waiting after the first advance {waiting}, completed after the second {completed} (expected {n} each): {(waiting == n && completed == n ? "OK" : "MISMATCH")}");
        report.Line($"server RSS after the drain (all completed): {server.RssMiB():F0} MiB");
        return new DrainResult(n, first, second, waiting == n && completed == n);
    }

    private static async Task<DrainPhase> TimedAdvanceAsync(RunnelServer server, BenchBackend backend, RunnelApi api,
        Report report, long seconds, string what)
    {
        var commitsBefore = await SettledCommitsAsync(server, backend);
        var before = await server.MetricsAsync();
        var cpuBefore = server.CpuSeconds();
        var writerBefore = server.WriterCpuSeconds();
        var clock = Stopwatch.StartNew();
        await api.AdvanceAsync(seconds);
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpu = server.CpuSeconds() - cpuBefore;
        var writer = server.WriterCpuSeconds() - writerBefore;
        var after = await server.MetricsAsync();
        var steps = after["runnel_steps_executed_total"] - before["runnel_steps_executed_total"];
        var statements = after["runnel_sql_statements_total"] - before["runnel_sql_statements_total"];
        report.Line($"advance {seconds} s ({what}): {steps} steps in {elapsed:F1} s = {steps / elapsed:F0} steps/s; server CPU {cpu / elapsed * 100:F0}% of one core; SQL statements per step {statements / Math.Max(1, steps):F2}");
        report.Line(Report.CpuPer("step", cpu, writer, elapsed, (long)steps));
        if (await SettledCommitsAsync(server, backend) is { } commitsAfter && commitsBefore is { } start)
        {
            var commits = commitsAfter - start;
            report.Line($"PostgreSQL commits (pg_stat_database.xact_commit of the bench database: every committed transaction, autocommit statements included, also those of the {SettleSeconds} s of idle polling after the advance): {commits} = {commits / Math.Max(1, steps):F2} per step");
        }

        return new DrainPhase((long)steps, elapsed, cpu);
    }

    /// <summary>Seconds to let PostgreSQL's backends publish their counts before reading <c>xact_commit</c>.</summary>
    public const int SettleSeconds = 11;

    /// <summary>
    /// The bench database's committed transactions once every backend has published its counts: PostgreSQL 15 flushes a
    /// backend's statistics when it goes idle, at most once a second, and retries within 10 s when it could not. Null on
    /// SQLite.
    /// </summary>
    private static async Task<long?> SettledCommitsAsync(RunnelServer server, BenchBackend backend)
    {
        if (server.Database is not { } database)
        {
            return null;
        }

        await Task.Delay(TimeSpan.FromSeconds(SettleSeconds));
        return await backend.CommitsAsync(database);
    }
}
