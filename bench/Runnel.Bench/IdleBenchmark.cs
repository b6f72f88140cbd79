namespace Runnel.Bench;

/// <summary>Idle cost: CPU and SQL statements per second of a server with nothing due.</summary>
public static class IdleBenchmark
{
    /// <summary>The idle part on its own: a fresh server with some members parked far in the future.</summary>
    public static async Task RunAsync(BenchOptions options, Report report, string repoRoot, BenchBackend backend)
    {
        const int parked = 10_000;
        report.Section($"idle: nothing due for {options.IdleSeconds} s");
        await using var server = await RunnelServer.StartAsync(repoRoot, backend, "idle");
        var api = new RunnelApi(server.Control);
        var flowId = await api.ActiveFlowAsync("Bench idle", BenchFlows.Parked);
        using (var load = new LoadGenerator(server.BaseAddress, options.Connections, RunnelServer.AdminKey))
        {
            await load.RunAsync(i => RunnelApi.Trigger(flowId, $"idle{i}@bench.test"), count: parked);
        }

        await api.WaitForStatAsync(flowId, "waiting_count", parked);

        await MeasureAsync(server, options.IdleSeconds, report, $"{parked} members waiting");
    }

    public static async Task MeasureAsync(RunnelServer server, int seconds, Report report, string state)
    {
        // Let the last writes and the GC settle before the window opens.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var statements = await server.MetricAsync("runnel_sql_statements_total");
        var cpu = server.CpuSeconds();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var statementsAfter = await server.MetricAsync("runnel_sql_statements_total");
        var cpuUsed = server.CpuSeconds() - cpu;
        report.Line($"idle {seconds} s with {state}: CPU {cpuUsed:F2} s = {cpuUsed / seconds * 100:F2}% of one core; SQL statements {statementsAfter - statements} = {(statementsAfter - statements) / seconds:F1}/s (includes the one /metrics read that ends the window); RSS {server.RssMiB():F0} MiB");
    }
}
