namespace Runnel.Bench;

/// <summary>
/// Runnel's drain beside the same drain on a peer's durable store, in one invocation: Quartz.NET on SQLite for
/// <c>--backend sqlite</c>, Hangfire on PostgreSQL for <c>--backend postgres</c> (the same throwaway server). Prints
/// both and the ratios. A step on the peer is one job execution; see bench/README.md for what is counted on each side.
/// </summary>
public static class PeersBenchmark
{
    /// <summary>Issue 19's targets: Runnel's drain over the peer's, in steps per second.</summary>
    private const double QuartzTarget = 60;
    private const double HangfireTarget = 100;

    public static async Task RunAsync(BenchOptions options, Report report, string repoRoot, BenchBackend backend)
    {
        var runnel = await DrainBenchmark.RunAsync(options, report, repoRoot, backend);
        var peer = backend.IsPostgres
            ? await HangfirePeer.RunAsync(options, report, backend)
            : await QuartzPeer.RunAsync(options, report);
        var target = backend.IsPostgres ? HangfireTarget : QuartzTarget;

        report.Section($"peers: Runnel ({(backend.IsPostgres ? "PostgreSQL" : "SQLite")}) vs {peer.Name}");
        report.Line($"Runnel drain, {runnel.Members} members: first advance {runnel.First.StepsPerSecond:F0} steps/s (3 a member), second {runnel.Second.StepsPerSecond:F0} steps/s (2 a member), both {runnel.StepsPerSecond:F0} steps/s = {runnel.MembersPerSecond:F0} members/s{(runnel.Checked ? "" : " (check MISMATCH)")}");
        report.Line($"{peer.Name}, {peer.Members} jobs due at once: {peer.ExecutionsPerSecond:F0} job executions/s (= steps/s; 2 a member) = {peer.MembersPerSecond:F0} members/s{(peer.Checked ? "" : " (check MISMATCH)")}");
        report.Line($"ratio, steps/s (Runnel's steps over the peer's job executions): both advances {runnel.StepsPerSecond / peer.ExecutionsPerSecond:F1}x, first advance {runnel.First.StepsPerSecond / peer.ExecutionsPerSecond:F1}x, second advance {runnel.Second.StepsPerSecond / peer.ExecutionsPerSecond:F1}x (issue 19's target: >= {target:F0}x)");
        report.Line($"ratio, members/s (a member: timer released, contact updated, next timer, condition checked, done): {runnel.MembersPerSecond / peer.MembersPerSecond:F1}x");
    }
}
