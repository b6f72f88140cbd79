using System.Text.Json.Nodes;
using Runnel.Core.Members;
using Runnel.Core.Services;
using Runnel.Core.Triggers;
using Runnel.Core.Workspaces;
using Runnel.Storage.Tests.Backends;

namespace Runnel.Storage.Tests;

/// <summary>
/// Writes that race. The engine's read-check-write code was written for one serial writer; on a store with
/// concurrent transactions the same code must still end with the answers a serial run would give.
/// </summary>
public abstract class ConcurrencyCompliance : StoreTestBase
{
    private const int Racers = 24;
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly Workspace _workspace = new(Guid.CreateVersion7(), "w", "UTC", null, null, null, null, false, Now, Now);

    protected ConcurrencyCompliance(StoreBackend backend)
        : base(backend)
    {
        Store.WriteAsync(async s =>
        {
            await s.Workspaces.InsertAsync(_workspace);
            return true;
        }).GetAwaiter().GetResult();
    }

    internal static Member NewMember(Guid workspaceId, Guid flowId, Guid contactId) =>
        Member.Enroll(Guid.CreateVersion7(), workspaceId, flowId, flowVersion: 1, contactId, entryStepId: "start",
            context: null, dynamicContext: null, Now) with { Visit = 1 };

    /// <summary>What enrollment does: look for a running membership, insert one only when there is none.</summary>
    internal static Task<Guid> EnrollAsync(Core.Storage.IRunnelStore store, Guid workspaceId, Guid flowId,
        Guid contactId) =>
        Task.Run(() => store.WriteAsync(async s =>
        {
            if (await s.Members.FindRunningAsync(flowId, contactId) is { } running)
            {
                return running.Id;
            }

            var member = NewMember(workspaceId, flowId, contactId);
            await s.Members.InsertAsync(member);
            return member.Id;
        }));

    [Fact]
    public async Task Parallel_enrollments_of_one_contact_leave_exactly_one_running_membership()
    {
        var (flowId, contactId) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var answers = await Task.WhenAll(Enumerable.Range(0, Racers)
            .Select(_ => EnrollAsync(Store, _workspace.Id, flowId, contactId)));

        var running = await Store.ReadAsync(s => s.Members.ListRunningAsync(flowId, null, 100));
        var winner = Assert.Single(running);
        Assert.All(answers, id => Assert.Equal(winner.Id, id));
    }

    [Fact]
    public async Task Concurrent_claims_of_one_idempotency_key_admit_exactly_one()
    {
        var apiKey = Guid.CreateVersion7();
        var claims = await Task.WhenAll(Enumerable.Range(0, Racers).Select(i =>
            Task.Run(() => Store.WriteAsync(async s =>
            await IdempotencyClaims.ClaimAsync(s,
                new IdempotencyRequest(apiKey, _workspace.Id, "same-key", "hash", $"token-{i}",
                "node", Store.SharedByNodes, Now, TimeSpan.FromSeconds(30), TimeSpan.FromDays(1)))))));

        Assert.Single(claims, c => c.Outcome == IdempotencyOutcome.Fresh);
        Assert.All(claims.Where(c => c.Outcome != IdempotencyOutcome.Fresh), c =>
        {
            Assert.Equal(IdempotencyOutcome.InUse, c.Outcome);
            Assert.Equal("hash", c.Record!.RequestHash);
        });
    }

    [Fact]
    public async Task Racing_dispatchers_claim_every_pending_trigger_event_exactly_once()
    {
        await Store.WriteAsync(async s =>
        {
            for (var i = 0; i < Racers * 4; i++)
            {
                await s.Triggers.AppendAsync(new TriggerEvent(0, _workspace.Id, "custom_event", Guid.CreateVersion7(),
                    "e", new JsonObject { ["i"] = i }, Now));
            }

            return true;
        });

        // Each dispatcher claims a few, holds them a moment (as enrolling does) and marks them dispatched, until none
        // is left; where nodes share the database, rows another dispatcher holds are skipped, never taken twice.
        var claimed = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var mine = new List<long>();
            while (true)
            {
                var batch = await Store.WriteAsync(async s =>
                {
                    var events = await s.Triggers.ClaimPendingAsync(5);
                    Thread.Sleep(5);
                    await s.Triggers.MarkDispatchedAsync(events.Select(e => e.Seq).ToArray(), Now);
                    return events.Select(e => e.Seq).ToArray();
                });
                if (batch.Length == 0)
                {
                    return mine;
                }

                mine.AddRange(batch);
            }
        })));

        var all = claimed.SelectMany(c => c).ToList();
        Assert.Equal(Racers * 4, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Fact]
    public async Task An_event_that_commits_after_a_later_one_is_still_dispatched()
    {
        // The transaction holding the lower sequence number commits last: a cursor would have moved past it.
        using var appended = new SemaphoreSlim(0);
        var slow = Task.Run(() => Store.WriteAsync(async s =>
        {
            await s.Triggers.AppendAsync(new TriggerEvent(0, _workspace.Id, "custom_event", Guid.CreateVersion7(),
                "slow", new JsonObject(), Now));
            appended.Release();
            Thread.Sleep(300);
            return true;
        }));
        await appended.WaitAsync();
        await Store.WriteAsync(async s =>
        {
            await s.Triggers.AppendAsync(new TriggerEvent(0, _workspace.Id, "custom_event", Guid.CreateVersion7(),
                "fast", new JsonObject(), Now));
            return true;
        });
        var first = await DispatchAllAsync();
        await slow;
        var second = await DispatchAllAsync();

        Assert.Equal(["fast", "slow"], first.Concat(second).Order(StringComparer.Ordinal));
        Assert.Empty(await DispatchAllAsync());
    }

    private Task<string[]> DispatchAllAsync() => Store.WriteAsync(async s =>
    {
        var events = await s.Triggers.ClaimPendingAsync(100);
        await s.Triggers.MarkDispatchedAsync(events.Select(e => e.Seq).ToArray(), Now);
        return events.Select(e => e.Subject!).ToArray();
    });
}
