using System.Collections.Concurrent;
using System.Threading.Channels;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Runnel.Core.Flows;
using Runnel.Core.Storage;

namespace Runnel.Storage.Sqlite;

/// <summary>
/// SQLite behind <see cref="IRunnelStore"/>: one writer thread that owns the only write connection and commits queued
/// writes in groups, and pooled read connections that see committed data in parallel (WAL).
/// </summary>
public sealed class SqliteStore : IRunnelStore, IDisposable
{
    // Why 256: one fsync per batch is the cost that matters under synchronous=FULL; 256 small writes per commit keeps
    // that cost negligible while bounding how long the first caller of a batch waits for the last one's work.
    private const int MaxBatchSize = 256;

    // Why 8: reads run on the caller's thread and finish without awaiting, so about as many are open at once as
    // threads run requests and pumps — a handful on a small machine. Past the bound a burst's extra connections close.
    private const int MaxIdleReaders = 8;

    // SQLite's primary result code SQLITE_BUSY (its extended codes keep it in their low byte).
    private const int SqliteBusy = 5;

    /// <summary>
    /// How long a read or write waits for a lock another process holds (Microsoft.Data.Sqlite's default). This process
    /// alone writes the file and WAL readers never wait for it, so only another program can make anything wait: an
    /// exclusive-locking <c>sqlite3</c> shell, a backup or VACUUM, a second server wrongly pointed at the same file.
    /// </summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(30);

    private readonly string _writeConnectionString;
    private readonly string _readConnectionString;
    private readonly Channel<QueuedWrite> _queue =
        Channel.CreateUnbounded<QueuedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _writer;
    private readonly SqliteConnection _writeConnection;
    // What the writer's repositories run their SQL on: the write connection with its statements kept prepared.
    private readonly CachedConnection _writeStatements;
    // Open read connections with their prepared statements, kept between reads (see MaxIdleReaders).
    private readonly ConcurrentBag<CachedConnection> _idleReaders = [];
    private readonly Action<DueWork>? _afterCommit;
    private readonly ILogger _logger;
    // Prepared once and reused for every queued write: preparing "SAVEPOINT w" and "RELEASE w" anew twice per write
    // was a measurable share of the writer thread, which bounds enrollment and step throughput (docs/benchmarks.md).
    private readonly SqliteCommand _savepoint;
    private readonly SqliteCommand _release;
    // Rows the writer's sessions read often and rarely change (WriterCache): exact, because this thread is the file's
    // only writer.
    private readonly WriterCache _cache = new();
    // When batches take a savepoint per write (SavepointGuard).
    private readonly SavepointGuard _savepoints = new();
    private int _disposed;

    static SqliteStore()
    {
        SqlTypeHandlers.UseTextGuids(typeof(SqliteParameter));
        SqlTypeHandlers.Register();
    }

    /// <param name="databasePath">The database file; created and migrated when missing.</param>
    /// <param name="afterCommit">
    /// Called on the writer thread right after a commit that made work due, with what it made due (<see cref="DueWork"/>),
    /// so the loops doing that work wake at once: this process is the only one writing the file, so nobody else will
    /// tell them. It must only signal, never block.
    /// </param>
    /// <param name="statements">Counts the SQL statements this store sends (a new counter when left out).</param>
    /// <param name="logger">Where the store logs a call refused because the file stayed locked.</param>
    /// <param name="busyTimeout">
    /// How long a read or write waits for another process's lock before failing as
    /// <see cref="StoreUnavailableException"/> (<see cref="DefaultBusyTimeout"/> when left out).
    /// </param>
    public SqliteStore(string databasePath, Action<DueWork>? afterCommit = null, SqlStatements? statements = null,
        ILogger? logger = null, TimeSpan? busyTimeout = null)
    {
        Statements = statements ?? new SqlStatements();
        _afterCommit = afterCommit;
        _logger = logger ?? NullLogger.Instance;
        var timeout = (int)Math.Ceiling((busyTimeout ?? DefaultBusyTimeout).TotalSeconds);
        DatabasePath = Path.GetFullPath(databasePath);
        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _writeConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = timeout,
        }.ToString();
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
            DefaultTimeout = timeout,
        }.ToString();

        _writeConnection = new SqliteConnection(_writeConnectionString);
        _writeConnection.Open();
        // WAL lets readers run beside the writer; FULL makes every acknowledged commit survive power loss.
        _writeConnection.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
        // Every queued write runs in its own savepoint, and SQLite copies each page a savepoint first changes into a
        // sub-journal, which spills to a temporary file past 64 KiB: one pwrite system call per page, a third of the
        // writer thread's time in a profile (docs/benchmarks.md). In memory, the sub-journal is dropped at each
        // RELEASE. It only serves rolling a savepoint back, never crash recovery, so durability does not change.
        _writeConnection.Execute("PRAGMA temp_store=MEMORY;");
        SqliteMigrator.Apply(_writeConnection);
        _savepoint = _writeConnection.CreateCommand();
        _savepoint.CommandText = "SAVEPOINT w";
        _release = _writeConnection.CreateCommand();
        _release.CommandText = "RELEASE w";
        _writeStatements = new CachedConnection(_writeConnection);

        _writer = new Thread(WriterLoop) { IsBackground = true, Name = "runnel-sqlite-writer" };
        _writer.Start();
    }

    public string DatabasePath { get; }

    /// <summary>The SQL statements this store has sent.</summary>
    public SqlStatements Statements { get; }

    // Parsed flow definitions, shared by this store's sessions.
    private readonly DefinitionCache _definitions = new();

    public bool SharedByNodes => false;

    /// <inheritdoc />
    /// <exception cref="StoreUnavailableException">Another process kept the file locked past the busy timeout.</exception>
    public Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var connection = RentReader();
        var finished = false;
        try
        {
            T result;
            using (var transaction = connection.Inner.BeginTransaction(deferred: true))
            {
                // BEGIN, and the ROLLBACK that disposing the read transaction sends.
                Statements.Add(2);
                result = RunInline(work(new SqlSession(new SqlDb(connection, transaction, SqliteDialect.Instance,
                    Statements, _definitions))));
            }

            finished = true;
            return Task.FromResult(result);
        }
        catch (SqliteException error) when (IsBusy(error))
        {
            throw StoreOutage.Read(error, _logger, Statements);
        }
        finally
        {
            // A read that failed may have left the connection in any state: it is closed rather than reused.
            if (finished && Volatile.Read(ref _disposed) == 0 && _idleReaders.Count < MaxIdleReaders)
            {
                _idleReaders.Add(connection);
                if (Volatile.Read(ref _disposed) == 1)
                {
                    // Disposed meanwhile: its sweep of idle connections may have run before this one came back.
                    CloseIdleReaders();
                }
            }
            else
            {
                connection.Dispose();
            }
        }
    }

    public Task<T> WriteAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken cancellationToken = default)
    {
        var item = new QueuedWrite<T>(work, cancellationToken);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(item), this);

        return item.Task;
    }

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = new SqliteConnection(_readConnectionString);
            connection.Open();
            Statements.Add();
            var applied = connection.ExecuteScalar<long>("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
            return Task.FromResult(applied == SqliteMigrator.LatestVersion);
        }
        catch (SqliteException)
        {
            return Task.FromResult(false);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _writer.Join();
        _savepoint.Dispose();
        _release.Dispose();
        _writeStatements.Dispose();
        CloseIdleReaders();
        SqliteConnection.ClearAllPools();
    }

    private void CloseIdleReaders()
    {
        while (_idleReaders.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private CachedConnection RentReader()
    {
        if (_idleReaders.TryTake(out var idle))
        {
            return idle;
        }

        var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        return new CachedConnection(connection);
    }

    /// <summary>
    /// The result of a session's work, which on SQLite has already finished: Microsoft.Data.Sqlite has no async I/O,
    /// so <see cref="SqlDb"/> runs every statement blocking (<see cref="SqlDialect.AsyncIo"/>) and the work's task is
    /// complete when it returns. Work that awaited something else (it must touch only the database) is waited for
    /// here, on the writer thread or the reader's own.
    /// </summary>
    private static T RunInline<T>(Task<T> work) => work.GetAwaiter().GetResult();

    private static void RunInline(Task work) => work.GetAwaiter().GetResult();

    private static bool IsBusy(Exception error) =>
        error is SqliteException { SqliteErrorCode: var code } && (code & 0xFF) == SqliteBusy;

    private void WriterLoop()
    {
        var batch = new List<QueuedWrite>(MaxBatchSize);
        var reader = _queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            if (!QueuedWrite.TakeBatch(reader, batch, MaxBatchSize))
            {
                continue;
            }

            var guarded = _savepoints.ShouldGuard(batch.Count);
            if (!RunBatch(batch, guarded))
            {
                _savepoints.Failed();
                RunBatch(batch, guarded: true);
            }
            else
            {
                _savepoints.Ran(guarded);
            }
        }
    }

    /// <summary>
    /// Runs the batch in one transaction and settles its writes. With <paramref name="guarded"/>, each write runs in
    /// a savepoint of its own, so one that throws is undone alone and fails alone while the rest commit. Without, the
    /// batch runs bare — two statements fewer per write — and a write that throws rolls the whole transaction back:
    /// nothing is settled and the caller runs the batch again, guarded (false is returned). A lone write is never
    /// guarded: its failure is its batch's.
    /// </summary>
    private bool RunBatch(List<QueuedWrite> batch, bool guarded)
    {
        var done = new List<QueuedWrite>(batch.Count);
        var committing = false;
        try
        {
            using var transaction = _writeConnection.BeginTransaction(deferred: false);
            // BEGIN and COMMIT (or ROLLBACK), plus a SAVEPOINT and a RELEASE (or ROLLBACK TO + RELEASE) per guarded
            // write below.
            Statements.Add(2);
            var db = new SqlDb(_writeStatements, transaction, SqliteDialect.Instance, Statements, _definitions, _cache);
            var session = new SqlSession(db);
            _savepoint.Transaction = transaction;
            _release.Transaction = transaction;
            foreach (var item in batch)
            {
                if (item.IsSettled)
                {
                    continue;
                }

                if (guarded)
                {
                    _savepoint.ExecuteNonQuery();
                    Statements.Add(2);
                }

                try
                {
                    RunInline(item.RunAsync(session));
                    if (guarded)
                    {
                        _release.ExecuteNonQuery();
                    }

                    done.Add(item);
                }
                catch (Exception ex) when (!IsBusy(ex))
                {
                    // What the cache remembered may have been read after this write's own, now undone, changes.
                    _cache.Clear();
                    if (guarded)
                    {
                        transaction.Rollback("w");
                        transaction.Release("w");
                        item.Fail(ex);
                    }
                    else if (batch.Count == 1)
                    {
                        transaction.Rollback();
                        item.Fail(ex);
                        return true;
                    }
                    else
                    {
                        transaction.Rollback();
                        return false;
                    }
                }
            }

            committing = true;
            transaction.Commit();
            Statements.Committed();
            // The batch's writes share one session, so this is what all of them made due (a write that failed in
            // its savepoint may add a needless wake-up, never miss one). Signalled before the callers hear of their
            // commit, so a caller that goes on to wait for the work finds it signalled.
            if (db.WorkWritten != DueWork.None)
            {
                _afterCommit?.Invoke(db.WorkWritten);
            }

            foreach (var item in done)
            {
                item.Complete();
            }
        }
        catch (Exception ex)
        {
            _cache.Clear();
            // BEGIN IMMEDIATE (or a statement) waited past the busy timeout for another process's lock: nothing of
            // the batch was committed, and the callers may try again. Anything else fails them as it is.
            if (!committing && IsBusy(ex))
            {
                StoreOutage.FailWrites(batch.Where(i => !i.IsSettled).ToList(), ex, _logger, Statements);
            }

            foreach (var item in batch)
            {
                item.Fail(ex);
            }
        }

        return true;
    }
}
