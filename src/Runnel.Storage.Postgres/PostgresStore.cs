using System.Data;
using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Runnel.Core.Diagnostics;
using Runnel.Core.Flows;
using Runnel.Core.Storage;

namespace Runnel.Storage.Postgres;

/// <summary>
/// PostgreSQL behind <see cref="IRunnelStore"/>, for one or many runnel processes sharing a database. Reads run in a
/// read-only REPEATABLE READ snapshot. Writes are group-committed: a few writer loops each take the writes queued
/// meanwhile (up to <see cref="MaxBatchSize"/>) and run them in one REPEATABLE READ transaction, each in a savepoint of
/// its own, so one write that fails is undone alone while its batch-mates commit together — one commit and one WAL
/// flush for the batch instead of one each. A write that clashes with a concurrent transaction is rolled back to its
/// savepoint and run again in a later transaction, from a fresh snapshot. Commits that made work due tell every node
/// through NOTIFY on <see cref="Channel"/>, and a LISTEN connection passes other nodes' notifications to the callback.
/// </summary>
public sealed class PostgresStore : IRunnelStore, IDisposable
{
    /// <summary>The NOTIFY channel; each payload names one kind of <see cref="DueWork"/> (<see cref="Payload"/>).</summary>
    public const string Channel = "runnel_work";

    /// <summary>A commit appended trigger events (or activated a flow): dispatchers and date triggers should look.</summary>
    public const string TriggersPayload = "triggers";

    /// <summary>
    /// Any work but triggers may be due: runner, delivery and webhook loops should look. Sent by nodes of earlier
    /// versions, which had no finer payloads; understood so that nodes of both versions can share a database while
    /// an upgrade rolls through.
    /// </summary>
    public const string WorkPayload = "work";

    private static readonly (DueWork Work, string Payload)[] Payloads =
    [
        (DueWork.Members, "members"), (DueWork.Emails, "emails"), (DueWork.Sms, "sms"),
        (DueWork.Webhooks, "webhooks"), (DueWork.Triggers, TriggersPayload),
    ];

    // The engine was written against SQLite's serial writer, so its read-check-write code expects to see every
    // earlier commit. Under concurrency PostgreSQL instead aborts one side of a clash (40001, 40P01) or a unique index
    // rejects the second insert (23505); re-running the whole work from a fresh snapshot sees the winner's row and
    // answers as the serial engine would. Ten tries absorb heavy contention on one row; a clash that persists that
    // long (e.g. a unique value that really is taken) reaches the caller.
    private const int MaxAttempts = 10;

    /// <summary>
    /// Writes per transaction at most. Why 64: PostgreSQL caches 64 subtransaction ids per backend
    /// (PGPROC_MAX_CACHED_SUBXIDS); a transaction with more writing savepoints overflows it, and every other
    /// backend's snapshot checks then go through pg_subtrans. 64 writes already turn a runner round of 512 members into
    /// eight commits.
    /// </summary>
    public const int MaxBatchSize = 64;

    /// <summary>
    /// Writer loops, each with one transaction open at a time. Why 4: one loop's batch runs its writes one after another
    /// on one connection, so a few loops keep PostgreSQL busy while one waits for its WAL flush or a round trip; more
    /// would mostly add row-lock waits and REPEATABLE READ conflicts between this node's own batches.
    /// </summary>
    public const int WriterCount = 4;

    // Npgsql's default of 100 connections per process would let three nodes exhaust PostgreSQL's default
    // max_connections (100) on their own. 40 is the writer loops, the listener and room for parallel reads; an
    // explicit "Maximum Pool Size" in RUNNEL_DATABASE wins.
    private const int DefaultMaxPoolSize = 40;

    private const string Savepoint = "w";

    private static readonly TimeSpan ListenRetryDelay = TimeSpan.FromSeconds(1);

    private readonly NpgsqlDataSource _dataSource;
    private readonly Action<DueWork>? _afterCommit;
    private readonly Action<DueWork>? _onNotify;
    private readonly ILogger _logger;
    private readonly Channel<QueuedWrite> _queue = System.Threading.Channels.Channel.CreateUnbounded<QueuedWrite>();
    private readonly Task[] _writers;
    // When batches take a savepoint per write; shared by the writer loops.
    private readonly SavepointGuard _savepoints = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _listener;
    private int _disposed;

    /// <summary>The SQL statements this store has sent.</summary>
    public SqlStatements Statements { get; }

    // Parsed flow definitions, shared by this store's sessions.
    private readonly DefinitionCache _definitions = new();

    static PostgresStore() => SqlTypeHandlers.Register();

    /// <param name="connectionString">A <c>postgres://</c> URL or an Npgsql connection string.</param>
    /// <param name="afterCommit">
    /// Called right after a commit of this process that made work due, with what it made due — so this node's loops
    /// wake even while its LISTEN connection is down. It must only signal, never block.
    /// </param>
    /// <param name="onNotify">
    /// Called with what every notification on <see cref="Channel"/> says is due (from any node, this one included),
    /// and with <see cref="DueWork.All"/> whenever the LISTEN connection (re)connects, since notifications sent
    /// meanwhile are lost.
    /// </param>
    /// <param name="loggerFactory">Where Npgsql and the LISTEN loop log.</param>
    /// <param name="statements">Counts the SQL statements this store sends (a new counter when left out).</param>
    public PostgresStore(string connectionString, Action<DueWork>? afterCommit = null,
        Action<DueWork>? onNotify = null, ILoggerFactory? loggerFactory = null, SqlStatements? statements = null)
    {
        Statements = statements ?? new SqlStatements();
        _afterCommit = afterCommit;
        _onNotify = onNotify;
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<PostgresStore>();
        var builder = new NpgsqlDataSourceBuilder(PostgresConnectionString.Parse(connectionString));
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = builder.ConnectionString };
        if (!given.ContainsKey("Maximum Pool Size"))
        {
            builder.ConnectionStringBuilder.MaxPoolSize = DefaultMaxPoolSize;
        }

        // Npgsql resets a pooled connection (DISCARD ALL, a round trip) each time it is handed out again. The engine
        // leaves no session state behind — its only SET is transaction-scoped, and the LISTEN connection is never
        // returned while listening — so the reset is pure cost on every read and write.
        if (!given.ContainsKey("No Reset On Close"))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        // The engine sends the same few dozen statements over and over: let Npgsql prepare each on the server once per
        // connection instead of having it parsed and planned on every call.
        if (!given.ContainsKey("Max Auto Prepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 256;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        MaxPoolSize = builder.ConnectionStringBuilder.MaxPoolSize;
        // Half the pool at most, so reads always find connections while every writer holds one.
        var writers = Math.Clamp(MaxPoolSize / 2, 1, WriterCount);
        builder.UseLoggerFactory(loggerFactory);
        _dataSource = builder.Build();

        using (var connection = _dataSource.OpenConnection())
        {
            PostgresMigrator.Apply(connection);
        }

        _listener = onNotify is null ? Task.CompletedTask : Task.Run(() => ListenAsync(_stopping.Token));
        _writers = Enumerable.Range(0, writers).Select(_ => Task.Run(WriterLoopAsync)).ToArray();
    }

    /// <summary>The most connections this process opens to the database.</summary>
    public int MaxPoolSize { get; }

    /// <inheritdoc />
    /// <exception cref="StoreUnavailableException">
    /// No connection could be had (the pool stayed exhausted past its <c>Timeout</c>, the server refused) or the one
    /// in use was lost (<see cref="PostgresUnavailable"/>).
    /// </exception>
    public async Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction =
                await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            var db = new SqlDb(connection, transaction, PostgresDialect.Instance, Statements, _definitions);
            await db.ExecuteAsync("SET TRANSACTION READ ONLY");
            // BEGIN, and the ROLLBACK that disposing the read transaction sends.
            Statements.Add(2);
            return await work(new SqlSession(db));
        }
        catch (Exception error) when (PostgresUnavailable.Is(error))
        {
            throw StoreOutage.Read(error, _logger, Statements);
        }
    }

    public Task<T> WriteAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        cancellationToken.ThrowIfCancellationRequested();
        var item = new QueuedWrite<T>(work, cancellationToken);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(item), this);
        return item.Task;
    }

    /// <summary>Any number of runnel processes may share the database.</summary>
    public bool SharedByNodes => true;

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            Statements.Add();
            var applied = await connection.ExecuteScalarAsync<long>(
                "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
            return applied == PostgresMigrator.LatestVersion;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping.Cancel();
        try
        {
            _listener.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // The LISTEN loop ends by cancellation.
        }

        // The writers finish what is queued, then stop.
        _queue.Writer.TryComplete();
        Task.WhenAll(_writers).GetAwaiter().GetResult();
        _stopping.Dispose();
        _dataSource.Dispose();
    }

    private async Task WriterLoopAsync()
    {
        var batch = new List<QueuedWrite>(MaxBatchSize);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            if (!QueuedWrite.TakeBatch(reader, batch, MaxBatchSize))
            {
                continue;
            }

            // A savepoint costs two round trips per write here: taken only after a write failed (SavepointGuard).
            var guarded = _savepoints.ShouldGuard(batch.Count);
            if (!await RunBatchAsync(batch, guarded))
            {
                _savepoints.Failed();
                await RunBatchAsync(batch, guarded: true);
            }
            else
            {
                _savepoints.Ran(guarded);
            }
        }
    }

    /// <summary>
    /// Runs one batch in one transaction and settles every item: completed after the commit, failed alone when its own
    /// work threw, queued again (from a fresh snapshot) when it clashed with a concurrent transaction, or failed as
    /// <see cref="StoreUnavailableException"/> with the whole batch when the connection could not be had or was lost
    /// before the COMMIT was sent. Those first two need <paramref name="guarded"/>, a savepoint per write; a batch run
    /// without, whose write throws, is rolled back whole with nothing settled, and false asks the caller to run it
    /// again, guarded. A lone write needs no savepoint: its failure is its batch's.
    /// </summary>
    private async Task<bool> RunBatchAsync(List<QueuedWrite> batch, bool guarded)
    {
        var done = new List<QueuedWrite>(batch.Count);
        var clashed = new List<(QueuedWrite Item, PostgresException Error)>();
        var grouped = guarded && batch.Count > 1;
        // Set once the COMMIT is sent: a failure after that may hide a commit, so it is never reported as unavailable.
        var committing = false;
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead);
            // BEGIN and COMMIT (or the ROLLBACK that disposing an uncommitted transaction sends).
            Statements.Add(2);
            var db = new SqlDb(connection, transaction, PostgresDialect.Instance, Statements, _definitions);
            var session = new SqlSession(db);
            foreach (var item in batch)
            {
                if (grouped)
                {
                    await transaction.SaveAsync(Savepoint);
                    Statements.Add();
                }

                try
                {
                    await item.RunAsync(session);
                    if (grouped)
                    {
                        await transaction.ReleaseAsync(Savepoint);
                        Statements.Add();
                    }

                    done.Add(item);
                }
                catch (Exception error) when (!PostgresUnavailable.Is(error))
                {
                    if (batch.Count > 1 && !grouped)
                    {
                        await transaction.RollbackAsync();
                        // Run again, guarded, in a new transaction: for a clash that is the retry from a fresh snapshot.
                        if (error is PostgresException conflict && IsConflict(conflict))
                        {
                            _logger.WriteConflictRetry(conflict.SqlState, item.Attempts);
                            Statements.Retried();
                        }

                        return false;
                    }

                    if (!grouped)
                    {
                        Settle(item, error, clashed);
                        return true;
                    }

                    await transaction.RollbackAsync(Savepoint);
                    await transaction.ReleaseAsync(Savepoint);
                    Statements.Add(2);
                    Settle(item, error, clashed);
                }
            }

            if (done.Count == 0)
            {
                return true;
            }

            // (A batch-mate undone by its savepoint may have set a flag: at worst one needless wake-up.)
            var due = db.WorkWritten;
            committing = true;
            await transaction.CommitAsync();
            Statements.Committed();
            // Before the callers hear of their commit, so a caller that goes on to wait for the work finds it
            // signalled.
            if (due != DueWork.None)
            {
                _afterCommit?.Invoke(due);
            }

            foreach (var item in done)
            {
                item.Complete();
            }

            if (due != DueWork.None)
            {
                await NotifyAsync(connection, due);
            }
        }
        catch (Exception error)
        {
            // The connection, the BEGIN, a ROLLBACK TO or the COMMIT failed, or the connection was lost under a write's
            // work (not caught above): nothing of the batch is kept. Every item not yet settled or set aside shares
            // that fate — as a retryable StoreUnavailableException when the database was out of reach and the COMMIT
            // had not been sent, so none of them can have committed.
            var unsettled = batch.Where(i => !i.IsSettled && !clashed.Exists(c => c.Item == i)).ToList();
            if (!committing && PostgresUnavailable.Is(error))
            {
                StoreOutage.FailWrites(unsettled, error, _logger, Statements);
            }
            else
            {
                foreach (var item in unsettled)
                {
                    Settle(item, error, clashed);
                }
            }
        }
        finally
        {
            foreach (var (item, error) in clashed)
            {
                _logger.WriteConflictRetry(error.SqlState, item.Attempts);
                Statements.Retried();
                _ = RetryLaterAsync(item);
            }
        }

        return true;
    }

    /// <summary>
    /// Tells every node (this one included, through LISTEN) what the batch just committed made due: one notification
    /// per kind, after the commit — so nobody hears of a write before it is visible, or of one that rolled back — in
    /// a transaction of its own that does not wait for its WAL flush. Why not inside the batch's transaction:
    /// PostgreSQL lets one notifying transaction commit at a time and holds that lock through the commit's WAL flush,
    /// so notifying batches of several nodes queued behind each other's flushes (docs/benchmarks.md, "Scale-out").
    /// A notification lost here (a crash right after the commit, a broken connection) costs other nodes at most one
    /// safety-poll interval; this node's own loops were already signalled.
    /// </summary>
    private async Task NotifyAsync(NpgsqlConnection connection, DueWork due)
    {
        try
        {
            var payloads = Payloads.Where(p => due.HasFlag(p.Work)).Select(p => p.Payload).ToArray();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"),
                    new NpgsqlBatchCommand("SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload")
                    {
                        Parameters = { new NpgsqlParameter { Value = Channel }, new NpgsqlParameter { Value = payloads } },
                    },
                },
            };
            await batch.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            // BEGIN, the two batched statements and COMMIT.
            Statements.Add(4);
        }
        catch (Exception error) when (error is NpgsqlException or InvalidOperationException)
        {
            _logger.NotifyFailed(error);
        }
    }

    /// <summary>Fails the item with its own error, or sets it aside to run again when the error is a clash.</summary>
    private static void Settle(QueuedWrite item, Exception error, List<(QueuedWrite, PostgresException)> clashed)
    {
        if (error is PostgresException conflict && IsConflict(conflict) && item.Attempts < MaxAttempts)
        {
            item.Attempts++;
            clashed.Add((item, conflict));
        }
        else
        {
            item.Fail(error);
        }
    }

    private async Task RetryLaterAsync(QueuedWrite item)
    {
        await Task.Delay(Backoff(item.Attempts));
        if (!_queue.Writer.TryWrite(item))
        {
            item.Fail(new ObjectDisposedException(nameof(PostgresStore)));
        }
    }

    /// <summary>The payload that tells other nodes of one kind of due work.</summary>
    public static string Payload(DueWork work) => Payloads.Single(p => p.Work == work).Payload;

    /// <summary>What a notification's payload says is due; an unknown payload (a newer node's) wakes everything.</summary>
    public static DueWork Parse(string payload)
    {
        foreach (var (work, name) in Payloads)
        {
            if (payload == name)
            {
                return work;
            }
        }

        return payload == WorkPayload ? DueWork.All & ~DueWork.Triggers : DueWork.All;
    }

    private static bool IsConflict(PostgresException error) => error.SqlState is
        PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
        or PostgresErrorCodes.UniqueViolation;

    /// <summary>Jittered and growing, so writers that clashed do not clash again in lockstep.</summary>
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, 1 + Math.Min(100, 2 << attempt)));

    private async Task ListenAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stopping);
                connection.Notification += (_, e) =>
                {
                    if (e.Channel == Channel)
                    {
                        _onNotify!(Parse(e.Payload));
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping);
                }

                Statements.Add();
                // Whatever was notified while this connection was down is lost: look for work as if told of everything.
                _onNotify!(DueWork.All);
                while (true)
                {
                    await connection.WaitAsync(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is NpgsqlException or IOException or TimeoutException)
            {
                _logger.ListenFailed(error);
                try
                {
                    await Task.Delay(ListenRetryDelay, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
