using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Runnel.Bench;

/// <summary>
/// Timer accuracy on the real clock: many members parked in a 30-day wait, then <c>rate</c> enrollments per second for
/// <c>seconds</c> into a flow whose only step waits 2 minutes, so timers fall due at that rate over that span while
/// nothing else loads the server. Lateness per member is the time its release ran (the entry after <c>waiting</c> on
/// its timeline) minus the <c>until</c> that <c>waiting</c> recorded; a negative value is an early fire.
/// </summary>
public static class TimerBenchmark
{
    private const string Timed = """
        {"triggers":[{"type":"api"}],
         "steps":[{"step_id":"timer","type":"wait","duration_amount":2,"duration_unit":"minutes"}]}
        """;

    public static async Task RunAsync(BenchOptions options, Report report, string repoRoot, BenchBackend backend, bool measureIdle)
    {
        var timers = (long)options.TimerRate * options.TimerSeconds;
        report.Section($"timers: {timers} timers over {options.TimerSeconds} s with {options.Waiting} members waiting (real clock)");
        await using var server = await RunnelServer.StartAsync(repoRoot, backend, "timers");
        var api = new RunnelApi(server.Control);
        var parkedFlow = await api.ActiveFlowAsync("Bench parked", BenchFlows.Parked);
        var timedFlow = await api.ActiveFlowAsync("Bench timers", Timed);
        using var load = new LoadGenerator(server.BaseAddress, options.Connections, RunnelServer.AdminKey);

        var seeded = await load.RunAsync(i => RunnelApi.Trigger(parkedFlow, $"parked{i}@bench.test"), count: options.Waiting);
        report.Line($"seeding {options.Waiting} waiting members: {seeded.Summary(201)}");
        await api.WaitForStatAsync(parkedFlow, "waiting_count", seeded.Count(201));

        report.Line($"server RSS with {seeded.Count(201)} members waiting: {server.RssMiB():F0} MiB");
        if (measureIdle)
        {
            await IdleBenchmark.MeasureAsync(server, options.IdleSeconds, report, $"{seeded.Count(201)} members waiting");
        }

        var memberIds = new ConcurrentBag<string>();
        var paced = await load.RunAsync(i => RunnelApi.Trigger(timedFlow, $"timer{i}@bench.test"), count: timers,
            rate: options.TimerRate, answered: (_, status, body) =>
            {
                if (status == 201)
                {
                    memberIds.Add(JsonNode.Parse(body)!["id"]!.GetValue<string>());
                }
            });
        report.Line($"enrolling timers at {options.TimerRate}/s: {paced.Summary(201)}");

        // Sample the server's own lag gauge while the timers fall due.
        var maxLag = 0.0;
        var watch = Stopwatch.StartNew();
        while (await api.StatAsync(timedFlow, "completed_count") < memberIds.Count)
        {
            maxLag = Math.Max(maxLag, await server.MetricAsync("runnel_timer_lag_seconds"));
            if (watch.Elapsed > TimeSpan.FromMinutes(15))
            {
                throw new TimeoutException("Timers did not all fire within 15 minutes.");
            }

            await Task.Delay(250);
        }

        var ids = memberIds.ToArray();
        var lateness = new ConcurrentBag<double>();
        var unreadable = 0;
        await load.RunAsync(i => new HttpRequestMessage(HttpMethod.Get, $"/v1/flows/{timedFlow}/members/{ids[i]}"),
            count: ids.Length, answered: (_, _, body) =>
            {
                if (Lateness(JsonNode.Parse(body)!) is { } ms)
                {
                    lateness.Add(ms);
                }
                else
                {
                    Interlocked.Increment(ref unreadable);
                }
            });
        var sorted = lateness.ToArray();
        Array.Sort(sorted);
        var early = sorted.Count(ms => ms < 0);
        report.Line($"timer lateness over {sorted.Length} timers: p50 {Stats.Percentile(sorted, 50):F0} ms, p99 {Stats.Percentile(sorted, 99):F0} ms, max {Stats.Percentile(sorted, 100):F0} ms; early fires {early}; timelines without a release {unreadable}; max runnel_timer_lag_seconds sampled {maxLag:F2}");
        report.Line($"server RSS after the timers completed: {server.RssMiB():F0} MiB");
    }

    /// <summary>Milliseconds between the wait's recorded release time and the timeline entry that released it.</summary>
    private static double? Lateness(JsonNode member)
    {
        var timeline = member["timeline"]!.AsArray();
        for (var i = 0; i < timeline.Count - 1; i++)
        {
            if (timeline[i]!["type"]!.GetValue<string>() == "waiting" && timeline[i]!["data"]?["until"] is { } until)
            {
                var due = Parse(until.GetValue<string>());
                var ran = Parse(timeline[i + 1]!["at"]!.GetValue<string>());
                return (ran - due).TotalMilliseconds;
            }
        }

        return null;
    }

    private static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
