using Runnel.Core.Workspaces;
using Runnel.Storage.Sqlite;

namespace Runnel.Storage.Tests;

public sealed class SqliteStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "runnel-store-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteStore _store;

    public SqliteStoreTests() => _store = new SqliteStore(Path.Combine(_folder, "runnel.db"));

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static Workspace NewWorkspace(string name) =>
        new(Guid.CreateVersion7(), name, "UTC", null, null, null, null, false, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Is_ready_after_migrations()
    {
        Assert.True(await _store.IsReadyAsync());
    }

    [Fact]
    public async Task A_failing_write_in_a_group_commit_does_not_undo_the_others()
    {
        var writes = Enumerable.Range(0, 200).Select(i => _store.WriteAsync(s =>
        {
            s.Workspaces.Insert(NewWorkspace($"w{i}"));
            if (i % 10 == 0)
            {
                throw new InvalidOperationException("fails on purpose");
            }

            return i;
        })).ToArray();

        var outcomes = await Task.WhenAll(writes.Select(async t =>
        {
            try
            {
                await t;
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }));

        Assert.Equal(180, outcomes.Count(o => o));
        var stored = await _store.ReadAsync(s => s.Workspaces.List(new Core.Storage.PageRequest(1, 100)).Total);
        Assert.Equal(180, stored);
    }

    [Fact]
    public async Task Writes_survive_reopening_the_file()
    {
        var path = Path.Combine(_folder, "reopen.db");
        var workspace = NewWorkspace("durable");
        using (var store = new SqliteStore(path))
        {
            await store.WriteAsync(s =>
            {
                s.Workspaces.Insert(workspace);
                return true;
            });
        }

        using var reopened = new SqliteStore(path);
        var read = await reopened.ReadAsync(s => s.Workspaces.Get(workspace.Id));
        Assert.Equal("durable", read!.Name);
    }

    [Fact]
    public async Task Idempotency_claims_are_exclusive_until_completed_or_released()
    {
        var ws = NewWorkspace("idem");
        var now = DateTimeOffset.UnixEpoch.AddDays(1);
        await _store.WriteAsync(s =>
        {
            s.Workspaces.Insert(ws);
            return true;
        });
        var first = await _store.WriteAsync(s => s.Idempotency.TryClaim(ws.Id, "k", "h", now, now.AddMinutes(-5), now.AddDays(-1)));
        Assert.Null(first);
        var second = await _store.WriteAsync(s => s.Idempotency.TryClaim(ws.Id, "k", "h", now, now.AddMinutes(-5), now.AddDays(-1)));
        Assert.NotNull(second);
        Assert.Null(second.StatusCode);

        await _store.WriteAsync(s =>
        {
            s.Idempotency.Complete(ws.Id, "k", 201, "application/json", "{}"u8.ToArray(), now);
            return true;
        });
        var replay = await _store.WriteAsync(s => s.Idempotency.TryClaim(ws.Id, "k", "h", now, now.AddMinutes(-5), now.AddDays(-1)));
        Assert.Equal(201, replay!.StatusCode);

        var later = now.AddHours(25);
        var expired = await _store.WriteAsync(s => s.Idempotency.TryClaim(ws.Id, "k", "h2", later, later.AddMinutes(-5), later.AddDays(-1)));
        Assert.Null(expired);
    }
}
