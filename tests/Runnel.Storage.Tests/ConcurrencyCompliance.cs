using System.Text.Json.Nodes;
using Runnel.Core.Runtime;
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
        Store.WriteAsync(s =>
        {
            s.Workspaces.Insert(_workspace);
            return true;
        }).GetAwaiter().GetResult();
    }

    internal static Member NewMember(Guid workspaceId, Guid flowId, Guid contactId) => new(Guid.CreateVersion7(),
        workspaceId, flowId, 1, contactId, MemberStatus.Active, "start", Now, null, null, 1, 0, Now, null, null, null,
        [], [], [], Now, 0);

    /// <summary>What enrollment does: look for a running membership, insert one only when there is none.</summary>
    internal static Task<Guid> EnrollAsync(Core.Storage.IRunnelStore store, Guid workspaceId, Guid flowId,
        Guid contactId) =>
        Task.Run(() => store.WriteAsync(s =>
        {
            if (s.Members.FindRunning(flowId, contactId) is { } running)
            {
                return running.Id;
            }

            var member = NewMember(workspaceId, flowId, contactId);
            s.Members.Insert(member);
            return member.Id;
        }));

    [Fact]
    public async Task Parallel_enrollments_of_one_contact_leave_exactly_one_running_membership()
    {
        var (flowId, contactId) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var answers = await Task.WhenAll(Enumerable.Range(0, Racers)
            .Select(_ => EnrollAsync(Store, _workspace.Id, flowId, contactId)));

        var running = await Store.ReadAsync(s => s.Members.ListRunning(flowId, null, 100));
        var winner = Assert.Single(running);
        Assert.All(answers, id => Assert.Equal(winner.Id, id));
    }

    [Fact]
    public async Task Concurrent_claims_of_one_idempotency_key_admit_exactly_one()
    {
        var claims = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => Task.Run(() => Store.WriteAsync(s =>
            s.Idempotency.TryClaim(_workspace.Id, "same-key", "hash", Now, Now.AddMinutes(-5), Now.AddDays(-1))))));

        Assert.Single(claims, c => c is null);
        Assert.All(claims.Where(c => c is not null), c =>
        {
            Assert.Equal("hash", c!.RequestHash);
            Assert.Null(c.StatusCode);
        });
    }

    [Fact]
    public async Task Trigger_events_become_visible_in_seq_order()
    {
        // Every other writer holds its transaction open after appending, so a later append could commit first; a
        // reader polling meanwhile must only ever see a prefix of the final sequence, or the dispatcher's cursor would
        // move past an event that is not visible yet and never dispatch it.
        var snapshots = new List<long[]>();
        using var done = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                snapshots.Add(await Store.ReadAsync(s => s.Triggers.ListAfter(0, 10_000).Select(e => e.Seq).ToArray()));
            }
        });
        await Task.WhenAll(Enumerable.Range(0, Racers * 2).Select(i => Task.Run(() => Store.WriteAsync(s =>
        {
            s.Triggers.Append(new TriggerEvent(0, _workspace.Id, "custom_event", Guid.CreateVersion7(), "e",
                new JsonObject { ["i"] = i }, Now));
            Thread.Sleep(i % 2 == 0 ? 10 : 0);
            return true;
        }))));
        await done.CancelAsync();
        await reader;

        var all = await Store.ReadAsync(s => s.Triggers.ListAfter(0, 10_000).Select(e => e.Seq).ToArray());
        Assert.Equal(Racers * 2, all.Length);
        Assert.NotEmpty(snapshots);
        Assert.All(snapshots, seen => Assert.Equal(all.Where(seq => seq <= seen.LastOrDefault()), seen));
    }
}
