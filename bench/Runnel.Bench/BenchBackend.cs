using System.Diagnostics;
using Npgsql;

namespace Runnel.Bench;

/// <summary>
/// Where the measured servers keep their data. SQLite: a file in each server's data folder (nothing to start).
/// PostgreSQL: a throwaway PostgreSQL 15 the bench starts the way scripts/test.sh does (Debian's server, initdb as the
/// postgres user, trust auth on loopback, a free port, max_connections=300, fsync and synchronous_commit at their
/// defaults) and stops at the end, or the server of <c>--pg</c>; each runnel server gets a fresh database.
/// </summary>
public sealed class BenchBackend : IAsyncDisposable
{
    private const string PgBin = "/usr/lib/postgresql/15/bin";
    private const string SecretKey = "runnel-bench-secret-key";

    private readonly string? _adminConnection;
    private readonly string? _dataDirectory;
    private readonly List<string> _databases = [];
    private int? _postmaster;

    private BenchBackend(string? adminConnection, string? dataDirectory)
    {
        _adminConnection = adminConnection;
        _dataDirectory = dataDirectory;
    }

    public bool IsPostgres => _adminConnection is not null;

    public static BenchBackend Sqlite() => new(null, null);

    /// <summary>Uses <paramref name="adminConnection"/> when given, else starts a throwaway PostgreSQL 15.</summary>
    public static BenchBackend Postgres(string? adminConnection)
    {
        if (adminConnection is not null)
        {
            return new BenchBackend(adminConnection, null);
        }

        var dataDirectory = Directory.CreateTempSubdirectory("runnel-bench-pg.").FullName;
        var port = Ports.Free();
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // The server refuses to run as root: it runs as the postgres user, which must own its folder.
            Run("chown", "postgres:postgres", dataDirectory);
        }

        Run("chmod", "700", dataDirectory);
        RunPostgres(asRoot, $"{PgBin}/initdb", "-D", dataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--locale=C.UTF-8");
        RunPostgres(asRoot, $"{PgBin}/pg_ctl", "-D", dataDirectory, "-l", Path.Combine(dataDirectory, "server.log"),
            "-w", "-t", "60", "-o", $"-p {port} -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300", "start");
        return new BenchBackend($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres", dataDirectory);
    }

    /// <summary>The backend line of the report: engine, version and the durability settings.</summary>
    public async Task<string> DescribeAsync()
    {
        if (_adminConnection is null)
        {
            return "backend sqlite (synchronous=FULL, WAL)";
        }

        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT current_setting('server_version'), current_setting('synchronous_commit'), current_setting('fsync'),
                   current_setting('wal_sync_method'), current_setting('full_page_writes'),
                   current_setting('shared_buffers'), current_setting('max_connections')
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var where = _dataDirectory is null ? "given by --pg" : "throwaway, started by the bench";
        return $"backend postgres {reader.GetString(0)} ({where}; synchronous_commit={reader.GetString(1)}, fsync={reader.GetString(2)}, wal_sync_method={reader.GetString(3)}, full_page_writes={reader.GetString(4)}, shared_buffers={reader.GetString(5)}, max_connections={reader.GetString(6)})";
    }

    /// <summary>
    /// The environment a new runnel server needs for its storage, and the PostgreSQL database it was given (null on
    /// SQLite, where the file lives in the server's fresh data folder).
    /// </summary>
    public async Task<(Dictionary<string, string> Environment, string? Database)> ForServerAsync(string name)
    {
        var environment = new Dictionary<string, string>();
        if (_adminConnection is null)
        {
            return (environment, null);
        }

        var (connectionString, database) = await CreateDatabaseAsync(name);
        environment["RUNNEL_DATABASE"] = connectionString;
        environment["RUNNEL_SECRET_KEY"] = SecretKey;
        return (environment, database);
    }

    /// <summary>
    /// A fresh PostgreSQL database (dropped at the end with the server, or by name on a <c>--pg</c> server): its
    /// Npgsql connection string and its name.
    /// </summary>
    public async Task<(string ConnectionString, string Database)> CreateDatabaseAsync(string name)
    {
        if (_adminConnection is null)
        {
            throw new InvalidOperationException("The SQLite backend has no PostgreSQL server.");
        }

        var database = $"runnel_bench_{name}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using (var connection = await OpenAsync())
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        _databases.Add(database);
        var builder = new NpgsqlConnectionStringBuilder(_adminConnection) { Database = database };
        return (builder.ConnectionString, database);
    }

    /// <summary>
    /// Transactions committed in <paramref name="database"/> so far (<c>pg_stat_database.xact_commit</c>). Backends
    /// publish their counts when they go idle, at most once a second, so callers let the server settle first.
    /// </summary>
    public async Task<long> CommitsAsync(string database)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT xact_commit FROM pg_stat_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", database);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The cumulative counters the scale part reads: <c>pg_stat_database</c> of <paramref name="database"/> (commits,
    /// rows inserted, updated, deleted) and the server-wide <c>pg_stat_wal</c> (records, full-page images, fsyncs).
    /// Backends publish them when they go idle, so callers let the server settle first (<see cref="DrainBenchmark.SettleSeconds"/>).
    /// </summary>
    public async Task<DatabaseCounters> CountersAsync(string database)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT d.xact_commit, d.tup_inserted, d.tup_updated, d.tup_deleted, w.wal_records, w.wal_fpi, w.wal_sync
            FROM pg_stat_database d, pg_stat_wal w WHERE d.datname = @name
            """, connection);
        command.Parameters.AddWithValue("name", database);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new DatabaseCounters(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
            reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6));
    }

    /// <summary>
    /// Rows written so far into each table of <paramref name="database"/> (<c>pg_stat_user_tables</c>: inserted,
    /// updated, deleted), by table name; published like <see cref="CountersAsync"/>.
    /// </summary>
    public async Task<Dictionary<string, long[]>> TableWritesAsync(string database)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(
            "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new Dictionary<string, long[]>();
        while (await reader.ReadAsync())
        {
            tables[reader.GetString(0)] = [reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)];
        }

        return tables;
    }

    /// <summary>The server's current WAL insert position (<c>pg_current_wal_lsn()</c>), exact at once.</summary>
    public async Task<string> WalLsnAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_current_wal_lsn()::text", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>WAL bytes written between two positions (<c>pg_wal_lsn_diff</c>).</summary>
    public async Task<long> WalBytesAsync(string from, string to)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_wal_lsn_diff(@to::pg_lsn, @from::pg_lsn)::bigint", connection);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// CPU seconds PostgreSQL has used: its postmaster and every process under it (found as the parent of a backend),
    /// or null when the server is not on this machine (a remote <c>--pg</c>).
    /// </summary>
    public async Task<double?> PostgresCpuSecondsAsync()
    {
        if (_postmaster is null)
        {
            await using var connection = await OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
            _postmaster = ProcStat.ParentOf((int)(await command.ExecuteScalarAsync())!) ?? -1;
        }

        return _postmaster > 0 ? ProcStat.TreeCpuSeconds(_postmaster.Value) : null;
    }

    /// <summary>A connection to <paramref name="database"/>, or to the admin database when null.</summary>
    public async Task<NpgsqlConnection> OpenAsync(string? database = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(_adminConnection
            ?? throw new InvalidOperationException("The SQLite backend has no PostgreSQL server."));
        if (database is not null)
        {
            builder.Database = database;
        }

        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_adminConnection is null)
        {
            return;
        }

        if (_dataDirectory is null)
        {
            // A server we were lent: drop what we created on it.
            await using var connection = await OpenAsync();
            foreach (var database in _databases)
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }

            return;
        }

        NpgsqlConnection.ClearAllPools();
        RunPostgres(Environment.UserName == "root", $"{PgBin}/pg_ctl", "-D", _dataDirectory, "-m", "fast", "-w", "stop");
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static void RunPostgres(bool asRoot, string program, params string[] args) =>
        Run(asRoot ? "runuser" : program, asRoot ? ["-u", "postgres", "--", program, .. args] : args);

    private static void Run(string program, params string[] args)
    {
        // The postgres user cannot read root's working directory.
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = "/",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}):\n{output.Result}{errors}");
        }
    }
}
