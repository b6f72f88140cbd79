using Runnel.Core.Flows;
using Runnel.Core.Members;
using Runnel.Core.Storage;
using Runnel.Core.Triggers;
using Runnel.Core.Webhooks;
using Runnel.Core.Workspaces;
using Runnel.Storage.Tests.Backends;

namespace Runnel.Storage.Tests;

/// <summary>
/// What wakes the background loops and what they read while idle: each write reports the work it made due (the store
/// wakes those loops after the commit, and on PostgreSQL tells the other nodes), a write that made nothing due
/// reports nothing, and the idle checks answer without claiming anything.
/// </summary>
public abstract class WakeCompliance : StoreTestBase
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    protected WakeCompliance(StoreBackend backend)
        : base(backend)
    {
        var workspace = new Workspace(WorkspaceId, "w", "UTC", null, null, null, null, false, Now, Now);
        Store.WriteAsync(async s =>
        {
            await s.Workspaces.InsertAsync(workspace);
            await s.Flows.InsertAsync(new Flow(FlowId, WorkspaceId, "f", "", FlowStatus.Active, new FlowDefinition(),
                1, Now, Now, null));
            return true;
        }).GetAwaiter().GetResult();
    }

    private Guid WorkspaceId { get; } = Guid.CreateVersion7();

    private Guid FlowId { get; } = Guid.CreateVersion7();

    private static DueWork Reported(IStoreSession session) => ((SqlSession)session).WorkWritten;

    private Task<DueWork> WriteAsync(Func<IStoreSession, Task> work) => Store.WriteAsync(async s =>
    {
        await work(s);
        return Reported(s);
    });

    private static OutboundMessage Message(string channel, string key) => new(Guid.CreateVersion7(), channel,
        channel == OutboundMessage.SmsChannel ? "+15555550100" : "a@runnel.test", null, "hi@runnel.test", null, "Hi",
        "<p>Hi</p>", "Hi", new Dictionary<string, string>(), Guid.CreateVersion7(), "step", 1, key);

    [Fact]
    public async Task Each_write_reports_the_work_it_made_due_and_only_that()
    {
        var member = ConcurrencyCompliance.NewMember(WorkspaceId, FlowId, Guid.CreateVersion7());
        Assert.Equal(DueWork.Members, await WriteAsync(s => s.Members.InsertAsync(member)));
        // Parking it in the future, as the runner's commits do, wakes nobody: the runner asks for its next wake itself.
        var parked = member with { Status = MemberStatus.Waiting, WakeAt = Now.AddDays(1), WaitKind = WaitKinds.Duration };
        Assert.Equal(DueWork.None, await WriteAsync(s => s.Members.UpdateAsync(parked, member.Revision)));
        // Made due now by an update (a finished webhook, an SMS reply) or by a contact change (a condition wait).
        Assert.Equal(DueWork.Members, await WriteAsync(s => s.Members.UpdateAsync(parked with { WakeAt = Now },
            member.Revision + 1, dueNow: true)));
        var waiting = member with
        {
            Status = MemberStatus.Waiting, WakeAt = Now.AddDays(1), WaitKind = "condition", Revision = member.Revision + 2,
        };
        Assert.Equal(DueWork.None, await WriteAsync(s => s.Members.UpdateAsync(waiting, waiting.Revision)));
        Assert.Equal(DueWork.Members,
            await WriteAsync(s => s.Members.WakeConditionWaitsAsync(WorkspaceId, member.ContactId, Now)));
        Assert.Equal(DueWork.None,
            await WriteAsync(s => s.Members.WakeConditionWaitsAsync(WorkspaceId, Guid.CreateVersion7(), Now)));

        Assert.Equal(DueWork.Emails, await WriteAsync(s => s.Outbox.InsertAsync(WorkspaceId,
            Message(OutboundMessage.EmailChannel, "e1"), "pending", Now, null)));
        Assert.Equal(DueWork.Sms, await WriteAsync(s => s.Outbox.InsertAsync(WorkspaceId,
            Message(OutboundMessage.SmsChannel, "s1"), "pending", Now, null)));
        // Kept in the local outbox (no delivery channel configured): nothing to send.
        Assert.Equal(DueWork.None, await WriteAsync(s => s.Outbox.InsertAsync(WorkspaceId,
            Message(OutboundMessage.EmailChannel, "e2"), "local", Now, Now)));

        var hook = new WebhookRequest(Guid.CreateVersion7(), WorkspaceId, FlowId, member.Id, "hook", 1, "w1",
            "https://example.com/hook", "post", null, null, false, "{}");
        Assert.Equal(DueWork.Webhooks, await WriteAsync(s => s.Webhooks.InsertAsync(hook, Now)));
        // The same delivery again is a no-op, and wakes nobody.
        Assert.Equal(DueWork.None,
            await WriteAsync(s => s.Webhooks.InsertAsync(hook with { Id = Guid.CreateVersion7() }, Now)));

        Assert.Equal(DueWork.Triggers, await WriteAsync(s => s.Triggers.AppendAsync(
            new TriggerEvent(0, WorkspaceId, "contact_created", member.ContactId, null, [], Now))));
        // An activation makes a paused flow's overdue members due and may add date triggers, with no due row written.
        Assert.Equal(DueWork.Members | DueWork.Triggers,
            await WriteAsync(s => s.Triggers.MarkActivationAsync(FlowId, Now)));

        // Several kinds in one write add up.
        Assert.Equal(DueWork.Members | DueWork.Webhooks, await WriteAsync(async s =>
        {
            await s.Members.InsertAsync(ConcurrencyCompliance.NewMember(WorkspaceId, FlowId, Guid.CreateVersion7()));
            await s.Webhooks.InsertAsync(hook with { Id = Guid.CreateVersion7(), IdempotencyKey = "w2" }, Now);
        }));
    }

    [Fact]
    public async Task The_idle_checks_answer_without_claiming()
    {
        Assert.False(await Store.ReadAsync(s => s.Triggers.AnyPendingAsync()));
        await WriteAsync(s => s.Triggers.AppendAsync(
            new TriggerEvent(0, WorkspaceId, "contact_created", Guid.CreateVersion7(), null, [], Now)));
        Assert.True(await Store.ReadAsync(s => s.Triggers.AnyPendingAsync()));
        Assert.True(await Store.ReadAsync(s => s.Triggers.AnyPendingAsync()));
        var events = await Store.WriteAsync(s => s.Triggers.ClaimPendingAsync(10));
        await WriteAsync(s => s.Triggers.MarkDispatchedAsync(events.Select(e => e.Seq).ToArray(), Now));
        Assert.False(await Store.ReadAsync(s => s.Triggers.AnyPendingAsync()));

        Assert.Null(await Store.ReadAsync(s => s.Leases.GetAsync("date-triggers")));
        Assert.True(await Store.WriteAsync(s => s.Leases.TryAcquireAsync("date-triggers", "a", Now, Now + Lease)));
        Assert.Equal(("a", Now + Lease), await Store.ReadAsync(s => s.Leases.GetAsync("date-triggers")));
    }
}
