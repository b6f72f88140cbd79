using System.Globalization;

namespace Runnel.Bench;

/// <summary>
/// One reading of everything the scale part counts, across every node of one database: each node's /metrics and the
/// WAL position at the moment of the reading, and the database's counters after the settle PostgreSQL needs to
/// publish them (<see cref="DrainBenchmark.SettleSeconds"/>). Two readings bound a phase.
/// </summary>
public sealed record ClusterSnapshot(IReadOnlyList<Dictionary<string, double>> Metrics, string WalLsn,
    DatabaseCounters Counters, Dictionary<string, long[]> Tables)
{
    public static async Task<ClusterSnapshot> TakeAsync(IReadOnlyList<RunnelServer> servers, BenchBackend backend,
        string database)
    {
        var metrics = await Task.WhenAll(servers.Select(s => s.MetricsAsync()));
        var lsn = await backend.WalLsnAsync();
        await Task.Delay(TimeSpan.FromSeconds(DrainBenchmark.SettleSeconds));
        return new ClusterSnapshot(metrics, lsn, await backend.CountersAsync(database),
            await backend.TableWritesAsync(database));
    }

    /// <summary>
    /// Rows written per unit into each table since <paramref name="before"/>, busiest first, as
    /// <c>table inserted/updated/deleted</c>.
    /// </summary>
    public string TableWrites(ClusterSnapshot before, long units)
    {
        string Per(long rows) => (rows / (double)Math.Max(1, units)).ToString("0.###", CultureInfo.InvariantCulture);
        return string.Join(", ", Tables
            .Select(t => (Name: t.Key, Rows: t.Value.Select((v, i) => v - before.Tables.GetValueOrDefault(t.Key, [0, 0, 0])[i]).ToArray()))
            .Where(t => t.Rows.Sum() > 0)
            .OrderByDescending(t => t.Rows.Sum())
            .Select(t => $"{t.Name} {Per(t.Rows[0])}/{Per(t.Rows[1])}/{Per(t.Rows[2])}"));
    }

    /// <summary>A counter summed over the nodes.</summary>
    public double Sum(string metric) => Metrics.Sum(m => m[metric]);
}
