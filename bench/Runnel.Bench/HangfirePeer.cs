using System.Diagnostics;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;
using Npgsql;

namespace Runnel.Bench;

/// <summary>
/// The drain on Hangfire, in the bench process: Hangfire.PostgreSql on a fresh database of the bench's PostgreSQL (the
/// server Runnel's drain used, with the same durability settings), schema created by the storage itself
/// (<c>PrepareSchemaIfNecessary</c>, its default). N jobs are scheduled (<c>ScheduledState</c>) for one instant before
/// any server runs; starting a <see cref="BackgroundJobServer"/> releases them all: its delayed-job scheduler enqueues
/// them, each job updates its contact and enqueues its check job, and the run ends when every check has run.
/// </summary>
public static class HangfirePeer
{
    private const int SeedConnections = 16;

    public static async Task<PeerResult> RunAsync(BenchOptions options, Report report, BenchBackend backend)
    {
        var n = options.PeerJobs;
        // Hangfire's own default: BackgroundJobServerOptions.WorkerCount = Math.Min(Environment.ProcessorCount * 5, 20).
        var workers = options.PeerWorkers ?? Math.Min(Environment.ProcessorCount * 5, 20);
        var name = $"Hangfire {typeof(BackgroundJobServer).Assembly.GetName().Version?.ToString(3)} + Hangfire.PostgreSql {typeof(PostgreSqlStorage).Assembly.GetName().Version?.ToString(3)}";
        report.Section($"peers: {name}: {n} jobs due at once, each chaining one more");

        var (connectionString, database) = await backend.CreateDatabaseAsync("hangfire");
        await using var contacts = NpgsqlDataSource.Create(connectionString);
        await PrepareAsync(contacts, n);
        var storageOptions = new PostgreSqlStorageOptions
        {
            // Hangfire.PostgreSql's default is 15 s: a worker that found its queue empty (before the scheduler has
            // enqueued anything) would sleep that long. A short poll keeps the measurement to the work itself.
            QueuePollInterval = TimeSpan.FromMilliseconds(100),
            PrepareSchemaIfNecessary = true,
        };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
        var client = new BackgroundJobClient(storage);
        var state = new PeerDrainState(n);
        var jobs = new HangfireDrainJobs(contacts, client, state);
        report.Line($"database {database}; WorkerCount {workers} ({(options.PeerWorkers is null ? "Hangfire's default, min(5 x cores, 20)" : "--peer-workers")}), SchedulePollingInterval 1 s (default 15 s), QueuePollInterval 100 ms (default 15 s), Hangfire's default filters (automatic retry etc.), invisibility timeout and isolation as shipped");

        var seedClock = Stopwatch.StartNew();
        var dueAt = DateTime.UtcNow;
        await Parallel.ForAsync(1, n + 1, new ParallelOptions { MaxDegreeOfParallelism = SeedConnections },
            (i, _) =>
            {
                long contactId = i;
                client.Create<HangfireDrainJobs>(x => x.Touch(contactId), new ScheduledState(dueAt));
                return ValueTask.CompletedTask;
            });
        report.Line($"scheduled {n} jobs for {dueAt:HH:mm:ss.fff}Z, no server running, in {seedClock.Elapsed.TotalSeconds:F1} s ({SeedConnections} in parallel)");

        var commitsBefore = await SettledCommitsAsync(backend, database);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        double elapsed;
        double cpu;
        using (new BackgroundJobServer(
                   new BackgroundJobServerOptions
                   {
                       WorkerCount = workers,
                       SchedulePollingInterval = TimeSpan.FromSeconds(1),
                       Activator = new HangfireJobActivator(jobs),
                       ServerName = "runnel-bench-peer",
                   },
                   storage))
        {
            await state.WaitAsync("hangfire");
            elapsed = clock.Elapsed.TotalSeconds;
            cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        }

        var commits = await SettledCommitsAsync(backend, database) - commitsBefore;
        var monitoring = storage.GetMonitoringApi();
        var succeeded = monitoring.SucceededListCount();
        var failed = monitoring.FailedCount();
        var drained = await DrainedAsync(contacts);
        var ok = state.Completed == n && state.Mismatches == 0 && drained == n && succeeded == 2L * n && failed == 0;
        var result = new PeerResult(name + " (PostgreSQL)", n, state.Executions, elapsed, cpu, ok);
        report.Line($"drain: {result.Executions} job executions ({n} scheduled due at once + {n} chained) in {elapsed:F1} s = {result.ExecutionsPerSecond:F0} executions/s = {result.MembersPerSecond:F0} members/s; bench process CPU {cpu / elapsed * 100:F0}% of one core, {cpu / Math.Max(1, result.Executions) * 1e6:F0} µs per execution");
        report.Line($"PostgreSQL commits (pg_stat_database.xact_commit of the Hangfire database across the drain, {DrainBenchmark.SettleSeconds} s settle each side): {commits} = {commits / (double)Math.Max(1, result.Executions):F2} per job execution");
        report.Line($"check: chains completed {state.Completed}, condition mismatches {state.Mismatches}, contacts updated {drained}, succeeded jobs {succeeded}, failed {failed} (expected {n}, 0, {n}, {2L * n}, 0): {(ok ? "OK" : "MISMATCH")}");
        return result;
    }

    private static async Task PrepareAsync(NpgsqlDataSource contacts, int members)
    {
        await using (var create = contacts.CreateCommand(
                         "CREATE TABLE bench_contacts (id bigint PRIMARY KEY, email text NOT NULL, last_name text)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var insert = contacts.CreateCommand("""
            INSERT INTO bench_contacts (id, email) SELECT i, 'drain' || i || '@bench.test' FROM generate_series(1, $1) AS i
            """);
        insert.Parameters.AddWithValue((long)members);
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task<long> DrainedAsync(NpgsqlDataSource contacts)
    {
        await using var count = contacts.CreateCommand("SELECT COUNT(*) FROM bench_contacts WHERE last_name = 'drained'");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task<long> SettledCommitsAsync(BenchBackend backend, string database)
    {
        await Task.Delay(TimeSpan.FromSeconds(DrainBenchmark.SettleSeconds));
        return await backend.CommitsAsync(database);
    }
}
