using Runnel.Core.Flows;
using Runnel.Core.Members;
using Runnel.Core.Services;
using Runnel.Core.Storage;
using Runnel.Core.Triggers;

namespace Runnel.Core.Engine;

/// <summary>
/// Runs the date_based triggers of active flows once a day each, at their trigger_time in their timezone. A run reads
/// matching contact ids by index in batches of <see cref="BatchSize"/> (keyset paging) and enrolls each batch in one
/// write, claiming (flow, trigger, contact, date) first — so memory holds one batch, and a restart or a second node
/// never enrolls anyone twice for the same date. Only the latest due run of a trigger is made up after downtime.
/// Where nodes share the database, one node at a time runs them, holding the <c>date-triggers</c> lease (renewed per
/// batch); if it stalls past the lease, another node carries on and the per-contact claims keep the run exactly-once.
/// </summary>
public sealed class DateTriggerScheduler(
    IRunnelStore store,
    TimeProvider time,
    EnrollmentService enrollment,
    RunnerSignal runnerSignal,
    TriggerDispatchOptions options,
    NodeOptions node,
    FlowVersionCache versions) : IScheduledPump, IDisposable
{
    /// <summary>Why 500: bounds memory and transaction length per batch; a 100,000-contact run is 200 writes.</summary>
    public const int BatchSize = 500;

    private const string LeaseName = "date-triggers";

    private readonly SemaphoreSlim _gate = new(1, 1);

    private sealed record DueRun(Flow Flow, int Index, DateBasedTrigger Trigger, string Day, string Target,
        IReadOnlyList<string>? MonthDays);

    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return 0;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var due = await store.ReadAsync(s => DueRunsAsync(s, now), cancellationToken);
            foreach (var run in due)
            {
                if (!await RunAsync(run, cancellationToken))
                {
                    // Another node holds the lease and runs them.
                    return 0;
                }
            }

            if (due.Count > 0)
            {
                await store.WriteAsync(async s =>
                {
                    await s.Leases.ReleaseAsync(LeaseName, node.NodeId);
                    return true;
                }, cancellationToken);
            }

            return due.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The next run of any date trigger of an active flow; now when a run is due and unfinished, or the end of another
    /// node's lease while that node is running it (so a run whose node died is carried on without polling).
    /// </summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return null;
        }

        var now = time.GetUtcNow();
        return await store.ReadAsync(async s =>
        {
            var triggers = await DateTriggersAsync(s);
            if ((await DueRunsAsync(s, triggers, now)).Count > 0)
            {
                // A run is due and not finished. If another node holds the lease it is running it: look again when
                // that lease ends (it may have died). Otherwise it is due now.
                return await s.Leases.GetAsync(LeaseName) is { } lease && lease.Owner != node.NodeId
                    && lease.ExpiresAt > now
                    ? lease.ExpiresAt
                    : now;
            }

            DateTimeOffset? earliest = null;
            foreach (var (_, _, trigger) in triggers)
            {
                var next = new DateTriggerSchedule(trigger).NextRun(now);
                earliest = earliest is null || next < earliest ? next : earliest;
            }

            return earliest;
        }, cancellationToken);
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>
    /// The date triggers of the active flows' running versions: one query, the frozen versions coming from the cache
    /// (so the idle loop's look at the schedule stays one statement however many flows are active).
    /// </summary>
    private async Task<List<(Flow Flow, int Index, DateBasedTrigger Trigger)>> DateTriggersAsync(IStoreSession s)
    {
        var triggers = new List<(Flow, int, DateBasedTrigger)>();
        foreach (var flow in await s.Flows.ListActiveAsync())
        {
            var definition = EnrollmentService.WithCurrentSettings(
                await versions.GetAsync(s, flow.Id, flow.Version) ?? flow.Definition, flow);
            for (var i = 0; i < definition.Triggers.Count; i++)
            {
                if (definition.Triggers[i] is DateBasedTrigger { Field: not null } trigger)
                {
                    triggers.Add((flow, i, trigger));
                }
            }
        }

        return triggers;
    }

    private async Task<List<DueRun>> DueRunsAsync(IStoreSession s, DateTimeOffset now) =>
        await DueRunsAsync(s, await DateTriggersAsync(s), now);

    private static async Task<List<DueRun>> DueRunsAsync(IStoreSession s,
        IEnumerable<(Flow Flow, int Index, DateBasedTrigger Trigger)> triggers, DateTimeOffset now)
    {
        var due = new List<DueRun>();
        foreach (var (flow, index, trigger) in triggers)
        {
            var schedule = new DateTriggerSchedule(trigger);
            var (day, at) = schedule.LatestRun(now);
            var dayText = DateTriggerSchedule.Format(day);
            // Runs fall due on new days only: the run before this activation (or during a pause) never happens late.
            if (await s.Triggers.GetMarkAsync(flow.Id) is not { } mark || at <= mark.ActiveSince)
            {
                continue;
            }

            if (await s.Triggers.LastDateRunAsync(flow.Id, flow.Version, index) is { } last
                && string.CompareOrdinal(last, dayText) >= 0)
            {
                continue;
            }

            var target = schedule.TargetDate(day);
            due.Add(new DueRun(flow, index, trigger, dayText, DateTriggerSchedule.Format(target),
                schedule.AnniversaryMonthDays(target)));
        }

        return due;
    }

    /// <summary>Runs one trigger's date run to its end; false when another node holds the lease.</summary>
    private async Task<bool> RunAsync(DueRun run, CancellationToken ct)
    {
        Guid? after = null;
        while (true)
        {
            var now = time.GetUtcNow();
            if (!await store.WriteAsync(s =>
                s.Leases.TryAcquireAsync(LeaseName, node.NodeId, now, now + node.ClaimLease), ct))
            {
                return false;
            }

            var batch = await store.ReadAsync(async s =>
                await s.Triggers.ContactsOnDateAsync(run.Flow.WorkspaceId, run.Trigger.Field!,
                run.Target, run.MonthDays, after, BatchSize), ct);
            if (batch.Count == 0)
            {
                break;
            }

            var started = await store.WriteAsync(s => EnrollAsync(s, run, batch), ct);
            if (started > 0)
            {
                runnerSignal.Notify();
            }

            after = batch[^1];
        }

        await store.WriteAsync(async s =>
        {
            await s.Triggers.RecordDateRunAsync(run.Flow.Id, run.Flow.Version, run.Index, run.Day);
            return true;
        }, ct);
        return true;
    }

    private async Task<int> EnrollAsync(IStoreSession s, DueRun run, IReadOnlyList<Guid> contactIds)
    {
        var flow = await s.Flows.GetAsync(run.Flow.WorkspaceId, run.Flow.Id);
        if (flow is not { Status: FlowStatus.Active } || flow.Version != run.Flow.Version)
        {
            return 0;
        }

        var definition = await EnrollmentService.RunningDefinitionAsync(s, flow);
        if (definition.EffectiveEntryStepId is null)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var started = 0;
        foreach (var contactId in contactIds)
        {
            if (!await s.Triggers.ClaimDateAsync(flow.Id, run.Index, contactId, run.Day)
                || await s.Contacts.GetAsync(flow.WorkspaceId, contactId) is not { } contact)
            {
                continue;
            }

            if (await enrollment.EnterAsync(s, flow, definition, contact, [run.Trigger.Segment], null, null,
                    TriggerTypes.DateBased, now) is Entry.Started)
            {
                started++;
            }
        }

        return started;
    }
}
