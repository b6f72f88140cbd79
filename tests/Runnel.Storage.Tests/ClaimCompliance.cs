using Runnel.Core.Flows;
using Runnel.Core.Members;
using Runnel.Core.Workspaces;
using Runnel.Storage.Tests.Backends;

namespace Runnel.Storage.Tests;

/// <summary>
/// How nodes share due members and singleton work: claims, their leases, and the revision fence that keeps a node
/// whose lease ran out from overwriting the work of the node that took over. A store one process owns (SQLite) claims
/// without leases; the fence against concurrent changes holds on both.
/// </summary>
public abstract class ClaimCompliance : StoreTestBase
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly Workspace _workspace = new(Guid.CreateVersion7(), "w", "UTC", null, null, null, null, false, Now, Now);
    private readonly Guid _flowId = Guid.CreateVersion7();

    protected ClaimCompliance(StoreBackend backend)
        : base(backend)
    {
        Store.WriteAsync(async s =>
        {
            await s.Workspaces.InsertAsync(_workspace);
            await s.Flows.InsertAsync(new Flow(_flowId, _workspace.Id, "f", "", FlowStatus.Active,
                new FlowDefinition(), 1, Now, Now, null));
            return true;
        }).GetAwaiter().GetResult();
    }

    protected async Task<List<Member>> DueMembersAsync(int count)
    {
        var members = Enumerable.Range(0, count)
            .Select(i => ConcurrencyCompliance.NewMember(_workspace.Id, _flowId, Guid.CreateVersion7()) with
            {
                WakeAt = Now.AddSeconds(-count + i),
            })
            .ToList();
        await Store.WriteAsync(async s =>
        {
            foreach (var member in members)
            {
                await s.Members.InsertAsync(member);
            }

            return true;
        });
        return members;
    }

    protected Task<IReadOnlyList<Member>> ClaimAsync(string node, DateTimeOffset at, int limit = 100) =>
        Store.SharedByNodes
            ? Store.WriteAsync(s => s.Members.ClaimDueAsync(at, node, at + Lease, limit))
            : Store.ReadAsync(s => s.Members.ClaimDueAsync(at, node, at + Lease, limit));

    protected Guid WorkspaceId => _workspace.Id;

    protected Guid FlowId => _flowId;

    protected Task<bool> CommitAsync(Member claimed, DateTimeOffset at) => Store.WriteAsync(async s =>
        await s.Members.UpdateAsync(claimed with { Status = MemberStatus.Completed, WakeAt = null, ExitedAt = at },
            claimed.Revision));

    [Fact]
    public async Task A_claim_returns_due_members_of_active_flows_earliest_first()
    {
        var due = await DueMembersAsync(5);
        var later = ConcurrencyCompliance.NewMember(_workspace.Id, _flowId, Guid.CreateVersion7()) with
        {
            WakeAt = Now.AddMinutes(5),
        };
        await Store.WriteAsync(async s =>
        {
            await s.Members.InsertAsync(later);
            return true;
        });

        var claimed = await ClaimAsync("a", Now, limit: 3);

        Assert.Equal(due.Take(3).Select(m => m.Id), claimed.Select(m => m.Id));
    }

    [Fact]
    public async Task A_change_made_after_the_claim_fences_the_claimants_write()
    {
        var member = (await DueMembersAsync(1))[0];
        var claimed = Assert.Single(await ClaimAsync("a", Now));
        // An API lifecycle change (or a contact change waking the member) lands between claim and commit.
        var current = (await Store.ReadAsync(s => s.Members.GetAsync(_workspace.Id, _flowId, member.Id)))!;
        Assert.True(await Store.WriteAsync(async s =>
            await s.Members.UpdateAsync(current! with { Status = MemberStatus.Dropped },
            current!.Revision)));

        Assert.False(await CommitAsync(claimed, Now));
        Assert.Equal(MemberStatus.Dropped,
            (await Store.ReadAsync(s => s.Members.GetAsync(_workspace.Id, _flowId, member.Id)))!.Status);
    }

    [Fact]
    public async Task A_named_lease_has_one_holder_until_it_expires_or_is_released()
    {
        Assert.True(await Store.WriteAsync(s => s.Leases.TryAcquireAsync("job", "a", Now, Now + Lease)));
        Assert.False(await Store.WriteAsync(s => s.Leases.TryAcquireAsync("job", "b", Now.AddSeconds(1), Now + Lease)));
        // The holder renews.
        Assert.True(await Store.WriteAsync(s =>
            s.Leases.TryAcquireAsync("job", "a", Now.AddSeconds(2), Now.AddMinutes(5))));
        Assert.False(await Store.WriteAsync(s => s.Leases.TryAcquireAsync("job", "b", Now + Lease, Now.AddMinutes(6))));
        // Expired: anyone may take it.
        Assert.True(await Store.WriteAsync(s =>
            s.Leases.TryAcquireAsync("job", "b", Now.AddMinutes(5), Now.AddMinutes(6))));
        // Releasing someone else's lease does nothing; releasing one's own frees it.
        await Store.WriteAsync(async s =>
        {
            await s.Leases.ReleaseAsync("job", "a");
            return true;
        });
        Assert.False(await Store.WriteAsync(s =>
            s.Leases.TryAcquireAsync("job", "a", Now.AddMinutes(5), Now.AddMinutes(7))));
        await Store.WriteAsync(async s =>
        {
            await s.Leases.ReleaseAsync("job", "b");
            return true;
        });
        Assert.True(await Store.WriteAsync(s =>
            s.Leases.TryAcquireAsync("job", "a", Now.AddMinutes(5), Now.AddMinutes(7))));
    }

    [Fact]
    public async Task Racing_nodes_for_a_free_named_lease_leave_one_winner()
    {
        var wins = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() =>
            Store.WriteAsync(s => s.Leases.TryAcquireAsync("singleton", $"node-{i}", Now, Now + Lease)))));

        Assert.Single(wins, won => won);
    }
}
