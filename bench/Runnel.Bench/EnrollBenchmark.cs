namespace Runnel.Bench;

/// <summary>
/// Enrollment over real HTTP: a fixed-length closed-loop load of <c>POST /v1/flows/{id}/trigger</c> (a new contact by
/// email each time, into an api-triggered flow that parks in a 30-day wait), beside the same load on a bare Kestrel
/// endpoint. Checks that the flow's members equal the 201s (no duplicate, no lost enrollment).
/// </summary>
public static class EnrollBenchmark
{
    public static async Task RunAsync(BenchOptions options, Report report, string repoRoot, BenchBackend backend)
    {
        var duration = TimeSpan.FromSeconds(options.DurationSeconds);
        var warmup = TimeSpan.FromSeconds(3);

        report.Section("enroll: bare Kestrel ceiling");
        await using (var bare = await BareEndpoint.StartAsync())
        {
            using var load = new LoadGenerator(bare.BaseAddress, options.Connections);
            HttpRequestMessage Request(long i) => RunnelApi.Trigger("bare", $"bare{i}@bench.test");
            await load.RunAsync(Request, warmup);
            var result = await load.RunAsync(Request, duration);
            report.Line($"bare kestrel, {options.Connections} connections: {result.Summary(201)}");
        }

        report.Section("enroll: POST /v1/flows/{id}/trigger on runnel");
        await using var server = await RunnelServer.StartAsync(repoRoot, backend, "enroll");
        var api = new RunnelApi(server.Control);
        var flowId = await api.ActiveFlowAsync("Bench enroll", BenchFlows.Parked);
        using (var load = new LoadGenerator(server.BaseAddress, options.Connections, RunnelServer.AdminKey))
        {
            long created = 0;
            HttpRequestMessage Warm(long i) => RunnelApi.Trigger(flowId, $"warm{i}@bench.test");
            var warm = await load.RunAsync(Warm, warmup);
            created += warm.Count(201);

            var statementsBefore = await server.MetricAsync("runnel_sql_statements_total");
            var cpuBefore = server.CpuSeconds();
            var writerBefore = server.WriterCpuSeconds();
            HttpRequestMessage Request(long i) => RunnelApi.Trigger(flowId, $"user{i}@bench.test");
            var result = await load.RunAsync(Request, duration);
            var cpu = server.CpuSeconds() - cpuBefore;
            var writer = server.WriterCpuSeconds() - writerBefore;
            var statements = await server.MetricAsync("runnel_sql_statements_total") - statementsBefore;
            created += result.Count(201);
            report.Line($"runnel trigger, {options.Connections} connections: {result.Summary(201)}");
            report.Line($"server CPU {cpu:F1} s over {result.Elapsed.TotalSeconds:F1} s ({cpu / result.Elapsed.TotalSeconds * 100:F0}% of one core); SQL statements per enrollment {statements / Math.Max(1, result.Answered):F1}");
            report.Line(Report.CpuPer("enrollment", cpu, writer, result.Elapsed.TotalSeconds, result.Answered));

            // Every 201 is a new contact and a new member: the flow must count exactly that many, and list them.
            var entered = await api.StatAsync(flowId, "total_entered");
            var listed = await api.MemberCountAsync(flowId);
            var verdict = entered == created && listed == created ? "OK" : "MISMATCH";
            report.Line($"duplicates check: 201 answers {created} (incl. warm-up), total_entered {entered}, members listed {listed}: {verdict}");
            report.Line($"server RSS after enrollment: {server.RssMiB():F0} MiB with {listed} members waiting");
        }

        await RunBatchAsync(options, report, server, api, flowId, duration, warmup);
    }

    /// <summary>
    /// <c>POST /v1/flows/{id}/trigger/batch</c> with <see cref="BatchSize"/> new contacts per call from
    /// <c>--batch-connections</c> callers in a closed loop, on the same server and flow after the single triggers.
    /// </summary>
    private static async Task RunBatchAsync(BenchOptions options, Report report, RunnelServer server, RunnelApi api,
        string flowId, TimeSpan duration, TimeSpan warmup)
    {
        report.Section($"enroll: POST /v1/flows/{{id}}/trigger/batch, {BatchSize} recipients per call");
        var before = await api.StatAsync(flowId, "total_entered");
        using var load = new LoadGenerator(server.BaseAddress, options.BatchConnections, RunnelServer.AdminKey);
        HttpRequestMessage Warm(long i) => RunnelApi.TriggerBatch(flowId, $"bwarm{i}", BatchSize);
        var warm = await load.RunAsync(Warm, warmup);

        var statementsBefore = await server.MetricAsync("runnel_sql_statements_total");
        var cpuBefore = server.CpuSeconds();
        var writerBefore = server.WriterCpuSeconds();
        HttpRequestMessage Request(long i) => RunnelApi.TriggerBatch(flowId, $"batch{i}", BatchSize);
        var result = await load.RunAsync(Request, duration);
        var cpu = server.CpuSeconds() - cpuBefore;
        var writer = server.WriterCpuSeconds() - writerBefore;
        var statements = await server.MetricAsync("runnel_sql_statements_total") - statementsBefore;
        var enrolled = result.Count(200) * BatchSize;
        report.Line($"runnel trigger/batch, {options.BatchConnections} connections: {result.Summary(200)}");
        report.Line($"= {enrolled / result.Elapsed.TotalSeconds:F0} enrollments/s; server CPU {cpu:F1} s over {result.Elapsed.TotalSeconds:F1} s ({cpu / result.Elapsed.TotalSeconds * 100:F0}% of one core); SQL statements per enrollment {statements / Math.Max(1, enrolled):F2}");
        report.Line(Report.CpuPer("enrollment", cpu, writer, result.Elapsed.TotalSeconds, enrolled));

        // Every 200 started all of its recipients (new contacts): the flow must count exactly that many more.
        var entered = await api.StatAsync(flowId, "total_entered") - before;
        var expected = (warm.Count(200) + result.Count(200)) * BatchSize;
        report.Line($"duplicates check: {expected} recipients in 200 answers (incl. warm-up), total_entered grew by {entered}: {(entered == expected ? "OK" : "MISMATCH")}");
    }

    /// <summary>The contract's largest batch (API.md §8.6), the batch the issue's target names.</summary>
    private const int BatchSize = 1_000;
}
