using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Runnel.Core.Contacts;
using Runnel.Core.Diagnostics;
using Runnel.Core.Flows;
using Runnel.Core.Json;
using Runnel.Core.Members;
using Runnel.Core.Services;
using Runnel.Core.Storage;
using Runnel.Core.Triggers;
using Runnel.Core.Workspaces;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Storage.Sqlite;

namespace Runnel.Server.Tests.Runtime;

/// <summary>
/// What one enrollment costs the SQLite writer, counted exactly: the trigger API's service on a store of its own
/// with no background loop running, so every statement counted is the enrollments' (issue 19: at most 6 per
/// enrollment of a new contact). Also the exactness of the writer's cache those savings rest on.
/// </summary>
public sealed class EnrollmentCostTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new("runnel-enroll-cost");
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly SqliteStore _store;
    private readonly EnrollmentService _enrollment;
    private readonly Guid _workspace = Guid.CreateVersion7();

    public EnrollmentCostTests()
    {
        _store = new SqliteStore(Path.Combine(_folder.Path, "runnel.db"));
        var time = TimeProvider.System;
        _enrollment = new EnrollmentService(_store, time, new ContactService(_store, time), new RunnerSignal(),
            new RuntimeMetrics(_meters.GetRequiredService<IMeterFactory>()), new FlowVersionCache());
        _store.WriteAsync(async s =>
        {
            await s.Workspaces.InsertAsync(new Workspace(_workspace, "w", "Europe/Paris", null, null, null, null,
                false, Now, Now));
            return true;
        }).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _store.Dispose();
        _meters.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Enrolling_a_new_contact_takes_five_statements_and_batch_mates_share_the_commit()
    {
        var flow = await ActivateAsync("""{"type":"api"}""");
        // The first call fills the writer's cache (flow, workspace, what listens for trigger events).
        await TriggerAsync(flow, "first@example.com");

        const int count = 200;
        var statements = _store.Statements.Total;
        var commits = _store.Statements.Commits;
        var outcomes = await Task.WhenAll(Enumerable.Range(0, count)
            .Select(i => TriggerAsync(flow, $"new{i}@example.com")));
        statements = _store.Statements.Total - statements;
        commits = _store.Statements.Commits - commits;

        Assert.All(outcomes, o => Assert.Equal(EnrollmentService.Started, o.Status));
        // Per enrollment: the contact looked up by email with its suppression, the contact, its created_at date,
        // the member and its first timeline entry. Per commit: BEGIN and COMMIT. No savepoints: nothing failed.
        Assert.Equal(5 * count + 2 * commits, statements);
        Assert.True(commits < count / 4, $"{commits} commits for {count} concurrent enrollments");

        // contact_created events were not stored: no active flow listens for them.
        Assert.False(await _store.ReadAsync(s => s.Triggers.AnyPendingAsync()));
        var members = await _store.ReadAsync(s => s.Members.ListRunningAsync(flow, null, count + 1));
        Assert.Equal(count + 1, members.Count);
        var contact = await _store.ReadAsync(s => s.Contacts.FindByEmailAsync(_workspace, "new7@example.com"));
        Assert.Equal("Europe/Paris", contact!.Timezone);
    }

    [Fact]
    public async Task Trigger_events_are_stored_exactly_when_an_active_flow_listens()
    {
        var api = await ActivateAsync("""{"type":"api"}""");
        await TriggerAsync(api, "before@example.com");
        Assert.False(await _store.ReadAsync(s => s.Triggers.AnyPendingAsync()));

        // A flow that listens is activated: the next contact's event is stored, at once.
        await ActivateAsync("""{"type":"contact_created"}""");
        await TriggerAsync(api, "after@example.com");
        var pending = await _store.WriteAsync(s => s.Triggers.ClaimPendingAsync(10));
        Assert.Equal([TriggerTypes.ContactCreated], pending.Select(e => e.Type));
    }

    [Fact]
    public async Task A_write_that_fails_leaves_no_cached_row_behind()
    {
        var flow = await ActivateAsync("""{"type":"api"}""");
        await TriggerAsync(flow, "warm@example.com");

        // Pauses the flow, reads it (cached as paused), then fails: the pause is rolled back, and so is the cache.
        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.WriteAsync<bool>(async s =>
        {
            var current = (await s.Flows.GetAsync(_workspace, flow))!;
            await s.Flows.UpdateAsync(current with { Status = FlowStatus.Paused });
            Assert.Equal(FlowStatus.Paused, (await s.Flows.GetAsync(_workspace, flow))!.Status);
            throw new InvalidOperationException("fails on purpose");
        }));
        Assert.Equal(FlowStatus.Active,
            await _store.WriteAsync(async s => (await s.Flows.GetAsync(_workspace, flow))!.Status));
        Assert.Equal(EnrollmentService.Started, (await TriggerAsync(flow, "still@example.com")).Status);

        // The same inside a batch whose other writes commit: the failing one is undone alone.
        var writes = Enumerable.Range(0, 50).Select(i => i == 25
                ? _store.WriteAsync<bool>(async s =>
                {
                    await s.Flows.UpdateAsync((await s.Flows.GetAsync(_workspace,
                        flow))! with { Status = FlowStatus.Paused });
                    _ = await s.Flows.GetAsync(_workspace, flow);
                    throw new InvalidOperationException("fails on purpose");
                })
                : TriggerAsync(flow, $"batch{i}@example.com").ContinueWith(t => t.Result.Status == EnrollmentService.Started,
                    TaskScheduler.Default))
            .ToArray();
        await Assert.ThrowsAsync<InvalidOperationException>(() => writes[25]);
        Assert.All(writes.Where((_, i) => i != 25), w => Assert.True(w.Result));
        Assert.Equal(FlowStatus.Active,
            await _store.WriteAsync(async s => (await s.Flows.GetAsync(_workspace, flow))!.Status));

        // A committed pause is seen by the very next enrollment.
        await _store.WriteAsync(async s =>
        {
            await s.Flows.UpdateAsync((await s.Flows.GetAsync(_workspace, flow))! with { Status = FlowStatus.Paused });
            return true;
        });
        var refused = await Assert.ThrowsAsync<Runnel.Core.Errors.RunnelException>(() => TriggerAsync(flow, "late@example.com"));
        Assert.Equal(404, refused.Code.Status);
    }

    private Task<TriggerOutcome> TriggerAsync(Guid flow, string email) =>
        _enrollment.TriggerAsync(_workspace, flow, new TriggerFlowRequest { Email = email }, false,
            CancellationToken.None);

    /// <summary>An active flow with one trigger whose members wait a month, stored as activation stores it.</summary>
    private async Task<Guid> ActivateAsync(string trigger)
    {
        var definition = RunnelJson.Deserialize<FlowDefinition>($$"""
            {"triggers":[{{trigger}}],
             "steps":[{"step_id":"rest","type":"wait","duration_amount":30,"duration_unit":"days"}]}
            """)!;
        var flow = new Flow(Guid.CreateVersion7(), _workspace, "f", "", FlowStatus.Active, definition, 1, Now, Now, Now);
        await _store.WriteAsync(async s =>
        {
            await s.Flows.InsertAsync(flow);
            await s.Flows.InsertVersionAsync(flow.Id, 1, definition, Now);
            await s.Triggers.MarkActivationAsync(flow.Id, Now);
            return true;
        });
        return flow.Id;
    }
}
