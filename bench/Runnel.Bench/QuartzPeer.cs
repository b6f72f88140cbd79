using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Quartz;

namespace Runnel.Bench;

/// <summary>
/// The drain on Quartz.NET, in the bench process: its ADO.NET job store (the local-transaction store) on a SQLite file
/// through Microsoft.Data.Sqlite, in WAL mode at SQLite's default <c>synchronous=FULL</c> like Runnel's. The schema is
/// Quartz's own: <c>ProvisionSchema()</c> runs the script the package embeds for SQLite
/// (<c>Quartz.Impl.AdoJobStore.Schema.create_sqlite.sql</c>, the counterpart of <c>database/tables/tables_sqlite.sql</c>
/// in the Quartz.NET repository), so it always matches the package version. The members' contacts are a small table
/// in a second SQLite file (same settings): the application's database beside the scheduler's, so the jobs' writes do
/// not compete with Quartz's for one file's write lock. N jobs are stored with triggers all due at one instant while the scheduler stands still; starting
/// it releases them all, each job updates its contact and schedules its check job, and the run ends when every check
/// has run.
/// </summary>
public static class QuartzPeer
{
    public const string ContactKey = "contact";
    public const string StepKey = "step";

    private const string RunKey = "runnel-bench-run";
    private const string Group = "drain";
    private const int SeedBatch = 1_000;

    public static QuartzPeerRun RunOf(IJobExecutionContext context) =>
        (QuartzPeerRun)(context.Scheduler.Context[RunKey] ?? throw new InvalidOperationException("No run in the scheduler context."));

    /// <summary>A member's step as a Quartz job: recoverable, its data (step, contact id) stored as strings.</summary>
    public static IJobDetail Job(string step, string contact) =>
        JobBuilder.Create<QuartzDrainJob>()
            .WithIdentity($"{step}-{contact}", Group)
            .UsingJobData(StepKey, step)
            .UsingJobData(ContactKey, contact)
            .RequestRecovery()
            .Build();

    /// <summary>The trigger of a member's step, due at <paramref name="at"/> (now when not given).</summary>
    public static ITrigger Due(string step, string contact, DateTimeOffset? at = null) =>
        TriggerBuilder.Create().WithIdentity($"{step}-{contact}", Group).StartAt(at ?? DateTimeOffset.UtcNow).Build();

    public static async Task<PeerResult> RunAsync(BenchOptions options, Report report)
    {
        var n = options.PeerJobs;
        var threads = options.PeerWorkers ?? ThreadPoolOptions.DefaultMaxConcurrency;
        var name = $"Quartz.NET {typeof(IScheduler).Assembly.GetName().Version?.ToString(3)}";
        report.Section($"peers: {name}, ADO.NET job store on SQLite: {n} jobs due at once, each chaining one more");

        var folder = Path.Combine(Path.GetTempPath(), "runnel-bench", $"quartz-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var connectionString = SqliteFile(folder, "quartz.db");
            var contactsConnectionString = SqliteFile(folder, "contacts.db");
            var sqlite = await PrepareAsync(connectionString, contactsConnectionString, n);
            var state = new PeerDrainState(n);
            await using var factory = QuartzSchedulerBuilder.Create(quartz =>
            {
                quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = "runnel-bench-peer");
                quartz.UseDefaultThreadPool(threads);
                quartz.UsePersistentStore(store =>
                {
                    store.UseSqlite(connectionString);
                    store.ProvisionSchema();
                    store.ConfigureStore(jobStore =>
                    {
                        jobStore.StoreJobDataAsStrings = true;
                        // The jobs are stored minutes before the scheduler starts: without this they would be fired by
                        // the misfire handler (60 s threshold by default) rather than by the normal acquisition loop.
                        jobStore.MisfireThreshold = TimeSpan.FromHours(1);
                    });
                });
            }).Build();
            var scheduler = await factory.GetScheduler();
            scheduler.Context[RunKey] = new QuartzPeerRun(contactsConnectionString, state);
            var metadata = await scheduler.GetMetadata();
            report.Line($"{sqlite}; job store {metadata.JobStoreTypeName}, thread pool {metadata.ThreadPoolSize} ({(options.PeerWorkers is null ? "Quartz's default" : "--peer-workers")}), trigger batch: Quartz's default (the thread pool's size on a persistent store), misfire threshold 1 h, jobs request recovery, job data stored as strings");

            var seedClock = Stopwatch.StartNew();
            var dueAt = DateTimeOffset.UtcNow;
            for (var start = 0; start < n; start += SeedBatch)
            {
                var batch = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>();
                for (var i = start; i < Math.Min(n, start + SeedBatch); i++)
                {
                    var contact = (i + 1).ToString(CultureInfo.InvariantCulture);
                    batch[Job(QuartzDrainJob.Touch, contact)] = [Due(QuartzDrainJob.Touch, contact, dueAt)];
                }

                await scheduler.ScheduleJobs(batch);
            }

            report.Line($"stored {n} jobs due at {dueAt:HH:mm:ss.fff}Z, scheduler in standby, in {seedClock.Elapsed.TotalSeconds:F1} s ({SeedBatch} per ScheduleJobs call)");

            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await scheduler.Start();
            await state.WaitAsync("quartz");
            var elapsed = clock.Elapsed.TotalSeconds;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            await scheduler.Shutdown(waitForJobsToComplete: true);

            var (drained, triggersLeft) = await VerifyAsync(connectionString, contactsConnectionString);
            var ok = state.Completed == n && state.Mismatches == 0 && drained == n && triggersLeft == 0;
            var result = new PeerResult(name + " (SQLite)", n, state.Executions, elapsed, cpu, ok);
            report.Line($"drain: {result.Executions} job executions ({n} due at once + {n} chained) in {elapsed:F1} s = {result.ExecutionsPerSecond:F0} executions/s = {result.MembersPerSecond:F0} members/s; bench process CPU {cpu / elapsed * 100:F0}% of one core, {cpu / Math.Max(1, result.Executions) * 1e6:F0} µs per execution");
            report.Line($"check: chains completed {state.Completed}, condition mismatches {state.Mismatches}, contacts updated {drained}, triggers left {triggersLeft} (expected {n}, 0, {n}, 0): {(ok ? "OK" : "MISMATCH")}");
            return result;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string SqliteFile(string folder, string name) =>
        new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, name), Pooling = true }.ToString();

    /// <summary>
    /// WAL mode for both files (a file keeps it) and the members' contacts; answers the journal mode and the
    /// <c>synchronous</c> level a new connection gets, which is what Quartz's connections run at.
    /// </summary>
    private static async Task<string> PrepareAsync(string connectionString, string contactsConnectionString,
        int members)
    {
        await using (var quartz = new SqliteConnection(connectionString))
        {
            await quartz.OpenAsync();
            await using var wal = quartz.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL";
            await wal.ExecuteNonQueryAsync();
        }

        await using var connection = new SqliteConnection(contactsConnectionString);
        await connection.OpenAsync();
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE bench_contacts (id INTEGER PRIMARY KEY, email TEXT NOT NULL, last_name TEXT);
                """;
            await setup.ExecuteNonQueryAsync();
        }

        await using (var transaction = connection.BeginTransaction())
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO bench_contacts (id, email) VALUES ($id, $email)";
            var id = insert.Parameters.Add("$id", SqliteType.Integer);
            var email = insert.Parameters.Add("$email", SqliteType.Text);
            for (var i = 1; i <= members; i++)
            {
                id.Value = i;
                email.Value = $"drain{i}@bench.test";
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        await using var fresh = new SqliteConnection(connectionString + ";Pooling=False");
        await fresh.OpenAsync();
        await using var pragmas = fresh.CreateCommand();
        pragmas.CommandText = "PRAGMA journal_mode; PRAGMA synchronous;";
        await using var reader = await pragmas.ExecuteReaderAsync();
        await reader.ReadAsync();
        var journal = reader.GetString(0);
        await reader.NextResultAsync();
        await reader.ReadAsync();
        var synchronous = reader.GetInt64(0) switch { 0 => "OFF", 1 => "NORMAL", 2 => "FULL", 3 => "EXTRA", var s => s.ToString(CultureInfo.InvariantCulture) };
        return $"SQLite {connection.ServerVersion}, quartz.db and contacts.db (journal_mode={journal}, synchronous={synchronous} on a new connection)";
    }

    private static async Task<(long Drained, long TriggersLeft)> VerifyAsync(string connectionString,
        string contactsConnectionString)
    {
        var drained = await CountAsync(contactsConnectionString,
            "SELECT COUNT(*) FROM bench_contacts WHERE last_name = 'drained'");
        return (drained, await CountAsync(connectionString, "SELECT COUNT(*) FROM QRTZ_TRIGGERS"));
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = sql;
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
