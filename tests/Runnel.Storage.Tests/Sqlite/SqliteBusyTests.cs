using Dapper;
using Microsoft.Data.Sqlite;
using Runnel.Core.Storage;
using Runnel.Storage.Sqlite;
using Runnel.Storage.Tests.Backends;

namespace Runnel.Storage.Tests.Sqlite;

/// <summary>
/// SQLite's transient failure: another program holds the file's write lock past the busy timeout, so the writer's
/// BEGIN IMMEDIATE gives up with SQLITE_BUSY. The writes of that batch fail as <see cref="StoreUnavailableException"/>
/// (nothing was committed), reads go on (WAL readers never wait for a writer), and writes succeed once the lock is gone.
/// </summary>
public sealed class SqliteBusyTests : IDisposable
{
    private readonly SqliteBackend _backend = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _backend.Dispose();
    }

    [Fact]
    public async Task Writes_fail_as_unavailable_while_another_program_holds_the_write_lock()
    {
        using var store = new SqliteStore(_backend.DatabasePath, busyTimeout: TimeSpan.FromSeconds(1));
        var kept = await StoreTestBase.InsertWorkspaceAsync(store, Guid.CreateVersion7());
        var refused = Guid.CreateVersion7();
        using (var other = new SqliteConnection($"Data Source={_backend.DatabasePath};Pooling=False"))
        {
            other.Open();
            other.Execute("BEGIN IMMEDIATE");

            var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => StoreTestBase.InsertWorkspaceAsync(store, refused));
            Assert.Equal(5, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode & 0xFF);
            Assert.NotNull(await store.ReadAsync(s => s.Workspaces.GetAsync(kept)));

            other.Execute("ROLLBACK");
        }

        Assert.Null(await store.ReadAsync(s => s.Workspaces.GetAsync(refused)));
        var later = await StoreTestBase.InsertWorkspaceAsync(store, Guid.CreateVersion7());
        Assert.NotNull(await store.ReadAsync(s => s.Workspaces.GetAsync(later)));
        Assert.Equal(1, store.Statements.Unavailable);
    }
}
