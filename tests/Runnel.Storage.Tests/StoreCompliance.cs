using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Members;
using Runnel.Core.Services;
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
        var writes = Enumerable.Range(0, 200).Select(i => Store.WriteAsync(async s =>
        {
            await s.Workspaces.InsertAsync(NewWorkspace($"w{i}"));
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
        var stored = await Store.ReadAsync(async s =>
            (await s.Workspaces.ListAsync(new Core.Storage.PageRequest(1, 100))).Total);
        Assert.Equal(180, stored);
    }

    private static Contact NewContact(Guid workspaceId, string email) =>
        new(Guid.CreateVersion7(), workspaceId, email, null, null, null, null, "UTC", SubscriptionStatus.NonSubscribed,
            SubscriptionStatus.NonSubscribed, null, new JsonObject { ["plan"] = "pro" }, DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch);

    /// <summary>
    /// A write reads back what it inserted earlier in the same write, and an insert that fails fails its own write —
    /// everything it wrote, and nothing of the writes queued beside it.
    /// </summary>
    [Fact]
    public async Task Inserts_are_read_back_in_their_write_and_a_failing_one_fails_only_its_own_write()
    {
        var workspace = NewWorkspace("deferred");
        await Store.WriteAsync(async s =>
        {
            await s.Workspaces.InsertAsync(workspace);
            return true;
        });
        var first = NewContact(workspace.Id, "a@example.com");
        var memberId = Guid.CreateVersion7();
        var (readBack, timeline) = await Store.WriteAsync(async s =>
        {
            await s.Contacts.InsertAsync(first);
            await s.Members.AppendTimelineAsync(memberId,
                [new TimelineEntry(DateTimeOffset.UnixEpoch, TimelineTypes.EnteredFlow, "start", [])]);
            await s.Members.AppendTimelineAsync(memberId,
                [new TimelineEntry(DateTimeOffset.UnixEpoch.AddSeconds(1), TimelineTypes.Waiting, null, [])]);
            return (await s.Contacts.GetAsync(workspace.Id, first.Id), await s.Members.GetTimelineAsync(memberId));
        });
        Assert.Equal("a@example.com", readBack!.Email);
        Assert.Equal([TimelineTypes.EnteredFlow, TimelineTypes.Waiting], timeline.Select(e => e.Type));

        // Queued together (usually one batch): the write whose contact breaks a foreign key fails, with all it wrote.
        var good = NewContact(workspace.Id, "b@example.com");
        var orphan = NewContact(Guid.CreateVersion7(), "c@example.com");
        var writes = new[] { good, orphan }.Select(contact => Store.WriteAsync(async s =>
        {
            await s.Contacts.InsertAsync(contact);
            await s.Members.AppendTimelineAsync(contact.Id,
                [new TimelineEntry(DateTimeOffset.UnixEpoch, TimelineTypes.EnteredFlow, "start", [])]);
            return true;
        })).ToArray();
        await writes[0];
        await Assert.ThrowsAnyAsync<Exception>(() => writes[1]);

        var (stored, orphanStored, orphanTimeline) = await Store.ReadAsync(async s => (
            await s.Contacts.GetAsync(workspace.Id, good.Id),
            await s.Contacts.GetAsync(orphan.WorkspaceId, orphan.Id),
            await s.Members.GetTimelineAsync(orphan.Id)));
        Assert.NotNull(stored);
        Assert.Null(orphanStored);
        Assert.Empty(orphanTimeline);
    }

    [Fact]
    public async Task Writes_survive_reopening_the_database()
    {
        var workspace = NewWorkspace("durable");
        var store = Backend.Open();
        using (store as IDisposable)
        {
            await store.WriteAsync(async s =>
            {
                await s.Workspaces.InsertAsync(workspace);
                return true;
            });
        }

        var reopened = Backend.Open();
        using (reopened as IDisposable)
        {
            var read = await reopened.ReadAsync(s => s.Workspaces.GetAsync(workspace.Id));
            Assert.Equal("durable", read!.Name);
        }
    }

    [Fact]
    public async Task Idempotency_claims_are_exclusive_until_completed_or_released()
    {
        var ws = NewWorkspace("idem");
        var apiKey = Guid.CreateVersion7();
        var now = DateTimeOffset.UnixEpoch.AddDays(1);
        await Store.WriteAsync(async s =>
        {
            await s.Workspaces.InsertAsync(ws);
            return true;
        });
        IdempotencyRequest Ask(string token, DateTimeOffset at, string hash = "h", string owner = "node-a") =>
            new(apiKey, ws.Id, "k", hash, token, owner, Store.SharedByNodes, at, TimeSpan.FromSeconds(30),
                TimeSpan.FromHours(24));

        var first = await Store.WriteAsync(s => IdempotencyClaims.ClaimAsync(s, Ask("t1", now)));
        Assert.Equal(IdempotencyOutcome.Fresh, first.Outcome);
        var second = await Store.WriteAsync(s => IdempotencyClaims.ClaimAsync(s, Ask("t2", now)));
        Assert.Equal(IdempotencyOutcome.InUse, second.Outcome);
        var otherBody = await Store.WriteAsync(s => IdempotencyClaims.ClaimAsync(s, Ask("t2", now, hash: "h2")));
        Assert.Equal(IdempotencyOutcome.Reused, otherBody.Outcome);

        // A write of the first execution is recorded under its token; one under a stale token is refused.
        var write = new IdempotentWrite("System.Int32", [1, 2, 3]);
        Assert.True(await Store.WriteAsync(s => s.Idempotency.RecordWriteAsync(apiKey, "k", "t1", 0, write, now)));
        Assert.False(await Store.WriteAsync(s => s.Idempotency.RecordWriteAsync(apiKey, "k", "t9", 1, write, now)));

        // Its process dies (another owner, lease over): a retry takes over and is handed the recorded write.
        var resumed = await Store.WriteAsync(s =>
            IdempotencyClaims.ClaimAsync(s, Ask("t3", now.AddMinutes(1), owner: "node-b")));
        Assert.Equal(IdempotencyOutcome.Resumed, resumed.Outcome);
        Assert.Equal([1, 2, 3], Assert.Single(resumed.Writes).Result);
        Assert.False(await Store.WriteAsync(s => s.Idempotency.RecordWriteAsync(apiKey, "k", "t1", 1, write, now)));

        Assert.True(await Store.WriteAsync(async s =>
            await s.Idempotency.CompleteAsync(apiKey, "k", "t3", 201, "application/json", "{}"u8.ToArray())));
        var replay = await Store.WriteAsync(s => IdempotencyClaims.ClaimAsync(s, Ask("t4", now.AddMinutes(2))));
        Assert.Equal(IdempotencyOutcome.Replay, replay.Outcome);
        Assert.Equal(201, replay.Record!.StatusCode);
        Assert.Empty(await Store.ReadAsync(s => s.Idempotency.GetWritesAsync(apiKey, "k")));

        var later = now.AddHours(25);
        var expired = await Store.WriteAsync(s => IdempotencyClaims.ClaimAsync(s, Ask("t5", later, hash: "h2")));
        Assert.Equal(IdempotencyOutcome.Fresh, expired.Outcome);
    }

    [Fact]
    public async Task Idempotency_release_frees_a_key_without_writes_and_keeps_one_with_writes()
    {
        var ws = NewWorkspace("idem-release");
        var apiKey = Guid.CreateVersion7();
        var now = DateTimeOffset.UnixEpoch.AddDays(1);
        await Store.WriteAsync(async s =>
        {
            await s.Workspaces.InsertAsync(ws);
            return true;
        });
        IdempotencyRequest Ask(string key, string token) =>
            new(apiKey, ws.Id, key, "h", token, "node-a", Store.SharedByNodes, now, TimeSpan.FromSeconds(30),
                TimeSpan.FromHours(24));

        await Store.WriteAsync(s => IdempotencyClaims.ClaimAsync(s, Ask("empty", "t1")));
        await Store.WriteAsync(async s =>
        {
            await s.Idempotency.ReleaseAsync(apiKey, "empty", "t1");
            return true;
        });
        Assert.Null(await Store.ReadAsync(s => s.Idempotency.GetAsync(apiKey, "empty")));

        await Store.WriteAsync(s => IdempotencyClaims.ClaimAsync(s, Ask("partial", "t2")));
        await Store.WriteAsync(async s =>
            await s.Idempotency.RecordWriteAsync(apiKey, "partial", "t2", 0, new IdempotentWrite("T", [7]), now));
        await Store.WriteAsync(async s =>
        {
            await s.Idempotency.ReleaseAsync(apiKey, "partial", "t2");
            return true;
        });
        var retry = await Store.WriteAsync(s => IdempotencyClaims.ClaimAsync(s, Ask("partial", "t3")));
        Assert.Equal(IdempotencyOutcome.Resumed, retry.Outcome);
        Assert.Equal([7], Assert.Single(retry.Writes).Result);

        Assert.Equal(1, await Store.WriteAsync(s => s.Idempotency.DeleteExpiredAsync(now.AddHours(25))));
        Assert.Empty(await Store.ReadAsync(s => s.Idempotency.GetWritesAsync(apiKey, "partial")));
    }
}
