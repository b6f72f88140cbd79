using Npgsql;
using Runnel.Core.Storage;
using Runnel.Storage.Postgres;
using Runnel.Storage.Tests.Backends;

namespace Runnel.Storage.Tests.Postgres;

/// <summary>
/// A database out of reach — the connection pool exhausted, connections terminated by the server — fails reads and
/// not-yet-committed writes as <see cref="StoreUnavailableException"/> (a retryable 503 at the HTTP edge), counts them,
/// and the store works again once the database is back. Real PostgreSQL, real pool.
/// </summary>
public sealed class PostgresUnavailableTests : IDisposable
{
    // Bounds the wait for the test's own blocking read to take its connection; not a sleep.
    private static readonly TimeSpan HoldTimeout = TimeSpan.FromSeconds(10);

    private readonly PostgresBackend _backend = new();

    public void Dispose() => _backend.Dispose();

    [Fact]
    public async Task Reads_and_writes_fail_as_unavailable_while_the_pool_is_exhausted_and_nothing_is_written()
    {
        // One connection, waited for at most one second; no LISTEN connection (no onNotify).
        using var store = new PostgresStore(_backend.ConnectionString + ";Maximum Pool Size=1;Timeout=1");
        var workspace = await StoreTestBase.InsertWorkspaceAsync(store, Guid.CreateVersion7());
        using var taken = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        // A read that keeps the pool's only connection until told (a long transaction).
        var holder = Task.Run(() => store.ReadAsync(async s =>
        {
            taken.Set();
            release.Wait();
            return await s.Workspaces.GetAsync(workspace);
        }));
        try
        {
            Assert.True(taken.Wait(HoldTimeout));

            var read = await Assert.ThrowsAsync<StoreUnavailableException>(
                () => store.ReadAsync(s => s.Workspaces.GetAsync(workspace)));
            var cause = Assert.IsType<NpgsqlException>(read.InnerException);
            Assert.Contains("pool has been exhausted", cause.Message, StringComparison.Ordinal);

            // Writes queued together form one batch, whose connection cannot be had: every one of them fails.
            var ids = Enumerable.Range(0, 3).Select(_ => Guid.CreateVersion7()).ToArray();
            var writes = ids.Select(id => StoreTestBase.InsertWorkspaceAsync(store, id)).ToArray();
            foreach (var write in writes)
            {
                await Assert.ThrowsAsync<StoreUnavailableException>(() => write);
            }

            Assert.Equal(4, store.Statements.Unavailable);
            release.Set();
            Assert.NotNull(await holder);

            // The pool is free again: the same store reads and writes, and none of the refused writes was kept.
            Assert.All(await store.ReadAsync(async s =>
            {
                var found = new List<Runnel.Core.Workspaces.Workspace?>();
                foreach (var id in ids)
                {
                    found.Add(await s.Workspaces.GetAsync(id));
                }

                return found;
            }), Assert.Null);
            var later = await StoreTestBase.InsertWorkspaceAsync(store, Guid.CreateVersion7());
            Assert.NotNull(await store.ReadAsync(s => s.Workspaces.GetAsync(later)));
            Assert.Equal(4, store.Statements.Unavailable);
        }
        finally
        {
            release.Set();
            await holder;
        }
    }

    [Fact]
    public async Task Connections_terminated_by_the_server_fail_a_read_and_a_write_as_unavailable()
    {
        using var store = new PostgresStore(_backend.ConnectionString + ";Maximum Pool Size=1");
        var workspace = await StoreTestBase.InsertWorkspaceAsync(store, Guid.CreateVersion7());

        // pg_terminate_backend is what an administrator's shutdown or a failover does to the pooled connection: the
        // next statement on it fails with 57P01 (or a broken stream).
        TerminateStoreConnections();
        await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            store.ReadAsync(s => s.Workspaces.GetAsync(workspace)));
        Assert.NotNull(await store.ReadAsync(s => s.Workspaces.GetAsync(workspace)));

        TerminateStoreConnections();
        var refused = Guid.CreateVersion7();
        await Assert.ThrowsAsync<StoreUnavailableException>(() => StoreTestBase.InsertWorkspaceAsync(store, refused));
        Assert.Null(await store.ReadAsync(s => s.Workspaces.GetAsync(refused)));
        Assert.Equal(2, store.Statements.Unavailable);
    }

    [Fact]
    public void Only_connection_failures_are_classified_unavailable()
    {
        static PostgresException State(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

        Assert.True(PostgresUnavailable.Is(State(PostgresErrorCodes.TooManyConnections)));
        Assert.True(PostgresUnavailable.Is(State(PostgresErrorCodes.CannotConnectNow)));
        Assert.True(PostgresUnavailable.Is(State(PostgresErrorCodes.AdminShutdown)));
        Assert.True(PostgresUnavailable.Is(State(PostgresErrorCodes.ConnectionFailure)));
        Assert.True(PostgresUnavailable.Is(new NpgsqlException("The connection pool has been exhausted",
            new TimeoutException())));
        Assert.True(PostgresUnavailable.Is(new NpgsqlException("Exception while reading from stream",
            new IOException("reset"))));

        // A wrong statement, a clash the store retries itself, a full disk and anything not from the driver are not.
        Assert.False(PostgresUnavailable.Is(State(PostgresErrorCodes.UniqueViolation)));
        Assert.False(PostgresUnavailable.Is(State(PostgresErrorCodes.SerializationFailure)));
        Assert.False(PostgresUnavailable.Is(State(PostgresErrorCodes.DiskFull)));
        Assert.False(PostgresUnavailable.Is(State(PostgresErrorCodes.ProtocolViolation)));
        Assert.False(PostgresUnavailable.Is(new NpgsqlException("something else")));
        Assert.False(PostgresUnavailable.Is(new TimeoutException()));
        Assert.False(PostgresUnavailable.Is(new InvalidOperationException()));
    }

    private void TerminateStoreConnections() => _backend.Execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
        + "AND pid <> pg_backend_pid()");
}
