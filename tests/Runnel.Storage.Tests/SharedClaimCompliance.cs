using Runnel.Core.Flows;
using Runnel.Core.Members;
using Runnel.Core.Storage;
using Runnel.Storage.Tests.Backends;

namespace Runnel.Storage.Tests;
/// <summary>
/// The claim behaviour only a store shared by several nodes has (PostgreSQL): leases that keep other nodes off,
/// takeover when a lease runs out, and the fence that refuses the late node's write.
/// </summary>
public abstract class SharedClaimCompliance(StoreBackend backend) : ClaimCompliance(backend)
{
    [Fact]
    public async Task Nodes_claim_disjoint_members_and_a_live_lease_is_not_claimable()
    {
        await DueMembersAsync(10);
        var first = await ClaimAsync("a", Now, limit: 6);
        var second = await ClaimAsync("b", Now, limit: 6);

        Assert.Equal(6, first.Count);
        Assert.Equal(4, second.Count);
        Assert.Empty(first.Select(m => m.Id).Intersect(second.Select(m => m.Id)));
        Assert.Empty(await ClaimAsync("c", Now.AddSeconds(29)));
        // A claimed member wakes nobody until its lease ends.
        Assert.Equal(Now + Lease, await Store.ReadAsync(s => s.Members.NextWakeAsync()));
    }

    [Fact]
    public async Task A_claimed_member_of_a_paused_flow_wakes_nobody_until_the_flow_is_active_again()
    {
        await DueMembersAsync(3);
        Assert.Equal(3, (await ClaimAsync("a", Now)).Count);
        await SetFlowStatusAsync(FlowStatus.Paused);

        // Its lease runs out while the flow is paused: nobody may claim it, so nobody is woken for it (an idle node
        // told "due" by an expired lease it cannot claim would look again and again).
        Assert.Null(await Store.ReadAsync(s => s.Members.NextWakeAsync()));
        Assert.Empty(await ClaimAsync("b", Now + Lease + Lease));

        await SetFlowStatusAsync(FlowStatus.Active);
        Assert.Equal(Now + Lease, await Store.ReadAsync(s => s.Members.NextWakeAsync()));
        Assert.Equal(3, (await ClaimAsync("b", Now + Lease + Lease)).Count);
    }

    private Task<bool> SetFlowStatusAsync(FlowStatus status) => Store.WriteAsync(async s =>
    {
        await s.Flows.UpdateAsync((await s.Flows.GetAsync(WorkspaceId, FlowId))! with { Status = status });
        return true;
    });

    [Fact]
    public async Task Racing_claims_never_hand_one_member_to_two_nodes()
    {
        await DueMembersAsync(200);
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var mine = new List<Guid>();
            IReadOnlyList<Member> batch;
            while ((batch = await ClaimAsync($"node-{i}", Now, limit: 7)).Count > 0)
            {
                mine.AddRange(batch.Select(m => m.Id));
            }

            return mine;
        })));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(200, all.Count);
        Assert.Equal(200, all.Distinct().Count());
    }

    [Fact]
    public async Task An_expired_lease_is_taken_over_and_the_first_claimant_is_fenced_out()
    {
        var member = (await DueMembersAsync(1))[0];
        var stale = Assert.Single(await ClaimAsync("a", Now));
        // Node a freezes past its lease; node b takes the member over and finishes it.
        var takeover = Assert.Single(await ClaimAsync("b", Now + Lease));
        Assert.Equal(member.Id, takeover.Id);
        Assert.True(takeover.Revision > stale.Revision);
        Assert.True(await CommitAsync(takeover, Now + Lease));

        // Node a wakes up and tries to write what it computed: refused, and b's result stands.
        Assert.False(await CommitAsync(stale with { Status = MemberStatus.Failed }, Now + Lease));
        var stored = (await Store.ReadAsync(s => s.Members.GetAsync(WorkspaceId, FlowId, member.Id)))!;
        Assert.Equal(MemberStatus.Completed, stored.Status);
        Assert.Null(await Store.ReadAsync(s => s.Members.NextWakeAsync()));
    }

    [Fact]
    public async Task A_claim_reports_the_members_it_took_over_and_from_whom()
    {
        var members = await DueMembersAsync(3);
        // a claims two and freezes; a member whose run committed is claimed again without a takeover.
        var frozen = await ClaimAsync("a", Now, limit: 2);
        var committed = Assert.Single(await ClaimAsync("b", Now));
        Assert.True(await Store.WriteAsync(s => s.Members.UpdateAsync(committed with { WakeAt = Now + Lease },
            committed.Revision)));

        var takeovers = new List<LeaseTakeover>();
        var claimed = await Store.WriteAsync(async s =>
        {
            takeovers.Clear();
            return await s.Members.ClaimDueAsync(Now + Lease, "b", Now + Lease + Lease, 100, takeovers);
        });

        Assert.Equal(members.Select(m => m.Id).Order(), claimed.Select(m => m.Id).Order());
        Assert.Equal(frozen.Select(m => new LeaseTakeover(m.Id, "a")).OrderBy(t => t.MemberId),
            takeovers.OrderBy(t => t.MemberId));
    }
}
