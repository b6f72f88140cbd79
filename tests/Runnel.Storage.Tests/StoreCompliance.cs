using Runnel.Core.Workspaces;
using Runnel.Storage.Tests.Backends;

namespace Runnel.Storage.Tests;

/// <summary>What every store promises: readiness, isolation of failing writes, durability, idempotency claims.</summary>
public abstract class StoreCompliance : StoreTestBase
{
    protected StoreCompliance(StoreBackend backend)
        : base(backend)
    {
    }

    private static Workspace NewWorkspace(string name) =>
        new(Guid.CreateVersion7(), name, "UTC", null, null, null, null, false, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Is_ready_after_migrations()
    {
        Assert.True(await Store.IsReadyAsync());
    }

    [Fact]
    public async Task A_failing_write_does_not_undo_concurrent_ones()
    {
        var writes = Enumerable.Range(0, 200).Select(i => Store.WriteAsync(s =>
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
        var stored = await Store.ReadAsync(s => s.Workspaces.List(new Core.Storage.PageRequest(1, 100)).Total);
        Assert.Equal(180, stored);
    }

    [Fact]
    public async Task Writes_survive_reopening_the_database()
    {
        var workspace = NewWorkspace("durable");
        var store = Backend.Open();
        using (store as IDisposable)
        {
            await store.WriteAsync(s =>
            {
                s.Workspaces.Insert(workspace);
                return true;
            });
        }

        var reopened = Backend.Open();
        using (reopened as IDisposable)
        {
            var read = await reopened.ReadAsync(s => s.Workspaces.Get(workspace.Id));
            Assert.Equal("durable", read!.Name);
        }
    }

    [Fact]
    public async Task Idempotency_claims_are_exclusive_until_completed_or_released()
    {
        var ws = NewWorkspace("idem");
        var now = DateTimeOffset.UnixEpoch.AddDays(1);
        await Store.WriteAsync(s =>
        {
            s.Workspaces.Insert(ws);
            return true;
        });
        var first = await Store.WriteAsync(s => s.Idempotency.TryClaim(ws.Id, "k", "h", now, now.AddMinutes(-5), now.AddDays(-1)));
        Assert.Null(first);
        var second = await Store.WriteAsync(s => s.Idempotency.TryClaim(ws.Id, "k", "h", now, now.AddMinutes(-5), now.AddDays(-1)));
        Assert.NotNull(second);
        Assert.Null(second.StatusCode);

        await Store.WriteAsync(s =>
        {
            s.Idempotency.Complete(ws.Id, "k", 201, "application/json", "{}"u8.ToArray(), now);
            return true;
        });
        var replay = await Store.WriteAsync(s => s.Idempotency.TryClaim(ws.Id, "k", "h", now, now.AddMinutes(-5), now.AddDays(-1)));
        Assert.Equal(201, replay!.StatusCode);

        var later = now.AddHours(25);
        var expired = await Store.WriteAsync(s => s.Idempotency.TryClaim(ws.Id, "k", "h2", later, later.AddMinutes(-5), later.AddDays(-1)));
        Assert.Null(expired);
    }
}
