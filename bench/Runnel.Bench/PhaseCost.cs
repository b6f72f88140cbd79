using System.Globalization;

namespace Runnel.Bench;

/// <summary>
/// What one phase of the scale part cost the whole cluster, between two <see cref="ClusterSnapshot"/>s: statements
/// the nodes sent, write transactions they committed, PostgreSQL's commits, rows written, WAL bytes, WAL records,
/// full-page images and fsyncs, writes run again and stale results refused, and the CPU of the runnel processes and
/// of PostgreSQL over the timed window. <see cref="Units"/> is what it is divided by: enrollments or steps.
/// </summary>
public sealed record PhaseCost(long Units, double Statements, double NodeCommits, DatabaseCounters Database,
    long WalBytes, double Retries, double StaleWrites, double RunnelCpu, double? PostgresCpu, double Seconds)
{
    public static PhaseCost Between(ClusterSnapshot before, ClusterSnapshot after, long units, long walBytes,
        double runnelCpu, double? postgresCpu, double seconds)
    {
        double Delta(string metric) => after.Sum(metric) - before.Sum(metric);
        return new PhaseCost(units, Delta("runnel_sql_statements_total"), Delta("runnel_store_commits_total"),
            after.Counters - before.Counters, walBytes, Delta("runnel_store_write_retries_total"),
            Delta("runnel_stale_writes_total"), runnelCpu, postgresCpu, seconds);
    }

    public double Per(double value) => value / Math.Max(1, Units);

    /// <summary>The figures per unit on one line of the raw output.</summary>
    public string Describe(string unit) => string.Create(CultureInfo.InvariantCulture,
        $"per {unit}: SQL statements {Per(Statements):F2}, node commits {Per(NodeCommits):F3}, PostgreSQL commits {Per(Database.Commits):F3}, " +
        $"rows written {Per(Database.RowsWritten):F2} (ins {Per(Database.Inserted):F2} / upd {Per(Database.Updated):F2} / del {Per(Database.Deleted):F2}), " +
        $"WAL {Per(WalBytes):F0} bytes in {Per(Database.WalRecords):F1} records ({Per(Database.WalFullPageImages):F2} full-page images), " +
        $"WAL fsyncs {Per(Database.WalSyncs):F4}, write retries {Per(Retries):F4}, stale writes {Per(StaleWrites):F4}; " +
        $"CPU runnel {Per(RunnelCpu) * 1e6:F0} µs, PostgreSQL {(PostgresCpu is { } pg ? (Per(pg) * 1e6).ToString("F0", CultureInfo.InvariantCulture) + " µs" : "n/a (server not on this machine)")}; " +
        $"busy over {Seconds:F1} s: runnel {RunnelCpu / Seconds * 100:F0}% + PostgreSQL {(PostgresCpu is { } p ? (p / Seconds * 100).ToString("F0", CultureInfo.InvariantCulture) + "%" : "n/a")} of one core ({Environment.ProcessorCount} cores)");
}
