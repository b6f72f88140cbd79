using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Runnel.Core.Diagnostics;
using Runnel.Core.Flows;
using Runnel.Core.Members;
using Runnel.Core.Rules;
using Runnel.Core.Services;
using Runnel.Core.Storage;
using Runnel.Core.Triggers;

namespace Runnel.Core.Engine;

/// <summary>
/// Claims pending trigger events in sequence order and enrolls the matching contacts through
/// <see cref="EnrollmentService.Enter"/>. A round's claim, its enrollments and the events' dispatched marks commit in
/// one transaction, so an event is dispatched exactly once per flow: a crash before the commit leaves it pending, a
/// crash after finds it dispatched. Where nodes share the database, each claims different events (SKIP LOCKED) and the
/// unique running-membership index settles any contact two nodes enroll at once.
/// </summary>
public sealed class TriggerDispatcher(
    IRunnelStore store,
    TimeProvider time,
    EnrollmentService enrollment,
    RunnerSignal runnerSignal,
    TriggerDispatchOptions options,
    ILogger<TriggerDispatcher> logger) : IScheduledPump, IDisposable
{
    /// <summary>
    /// Events per round. Why 256: one write per round; large enough to amortise it, small enough that a round's
    /// enrollments stay a short transaction.
    /// </summary>
    public const int BatchSize = 256;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private TriggerIndex _index = TriggerIndex.Empty;

    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return 0;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            Round round;
            try
            {
                round = await store.WriteAsync(s => DispatchPendingAsync(s, BatchSize), cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // One event the store refuses (it should not happen) must not stall every event behind it: dispatch
                // one by one and step over the one that fails, logged.
                logger.TriggerBatchFailed(error);
                round = await DispatchOneByOneAsync(cancellationToken);
            }

            if (round.Started > 0)
            {
                runnerSignal.Notify();
            }

            return round.Events;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Now while events wait for dispatch (an index lookup, no claim), else null: events come by commit only.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken) =>
        options.Enabled && await store.ReadAsync(s => s.Triggers.AnyPendingAsync(), cancellationToken)
            ? time.GetUtcNow()
            : null;

    public void Dispose() => _gate.Dispose();

    private readonly record struct Round(int Events, int Started);

    private sealed record FlowMatch(Guid FlowId, string Type, IReadOnlyList<RuleNode?> Segments);

    private async Task<Round> DispatchOneByOneAsync(CancellationToken ct)
    {
        var total = new Round(0, 0);
        for (var i = 0; i < BatchSize; i++)
        {
            long? attempted = null;
            try
            {
                var one = await store.WriteAsync(s => DispatchPendingAsync(s, 1, seq => attempted = seq), ct);
                if (one.Events == 0)
                {
                    break;
                }

                total = new Round(total.Events + 1, total.Started + one.Started);
            }
            catch (Exception single) when (single is not OperationCanceledException && attempted is { } seq)
            {
                logger.TriggerEventSkipped(single, seq);
                await store.WriteAsync(async s =>
                {
                    await s.Triggers.MarkDispatchedAsync([seq], time.GetUtcNow());
                    return true;
                }, ct);
                total = total with { Events = total.Events + 1 };
            }
        }

        return total;
    }

    private async Task<Round> DispatchPendingAsync(IStoreSession s, int limit, Action<long>? claimed = null)
    {
        var events = await s.Triggers.ClaimPendingAsync(limit);
        if (events.Count == 0)
        {
            return new Round(0, 0);
        }

        claimed?.Invoke(events[^1].Seq);
        var active = await s.Flows.ListActiveAsync();
        if (TriggerIndex.FingerprintOf(active) != _index.Fingerprint)
        {
            _index = await TriggerIndex.BuildAsync(s, active);
        }

        var fieldTypes = new Dictionary<Guid, IReadOnlyDictionary<string, string>>();
        foreach (var workspaceId in events.Where(e => e.Type == TriggerTypes.ContactUpdated).Select(e => e.WorkspaceId)
                     .Distinct())
        {
            fieldTypes[workspaceId] = await CustomFieldTypes.ActiveAsync(s, workspaceId);
        }

        var plans = events.Select(e => (Event: e, Matches: MatchFlows(e, fieldTypes))).ToList();
        var started = await DispatchAsync(s, plans);
        await s.Triggers.MarkDispatchedAsync(events.Select(e => e.Seq).ToArray(), time.GetUtcNow());
        return new Round(events.Count, started);
    }

    /// <summary>The flows this event enters, each with the segments of its triggers that fired.</summary>
    private List<FlowMatch> MatchFlows(TriggerEvent e, Dictionary<Guid, IReadOnlyDictionary<string, string>> types)
    {
        var now = time.GetUtcNow();
        return _index.Candidates(e)
            .Where(c => Fires(c.Trigger, e, types, now))
            .GroupBy(c => c.FlowId)
            .Select(g => new FlowMatch(g.Key, e.Type, g.Select(c => c.Trigger.Segment).ToArray()))
            .ToList();
    }

    private static bool Fires(FlowTrigger trigger, TriggerEvent e,
        IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, string>> types, DateTimeOffset now) => trigger switch
    {
        ContactUpdatedTrigger updated => FieldChangeFires(updated, e, types.GetValueOrDefault(e.WorkspaceId), now),
        EventTrigger { Where: { Count: > 0 } where } =>
            RuleEvaluator.MatchesProperties(e.Data["properties"] as JsonObject ?? [], where, now),
        FormSubmittedTrigger { PageId: { } page } => e.Data["page_id"]?.GetValue<string>() == Ids.Format(page),
        _ => true,
    };

    /// <summary>
    /// contact_updated fires when its field really changed and, with an operator other than <c>changed</c>, the new
    /// value passes it — the rule evaluator's field operators, typed like the field.
    /// </summary>
    private static bool FieldChangeFires(ContactUpdatedTrigger trigger, TriggerEvent e,
        IReadOnlyDictionary<string, string>? fieldTypes, DateTimeOffset now)
    {
        if (trigger.Field is not { } field || e.Data["changes"]?[field] is not JsonObject change)
        {
            return false;
        }

        if (trigger.Operator is null or "changed")
        {
            return true;
        }

        var type = RuleEvaluator.FieldType(field, fieldTypes ?? new Dictionary<string, string>());
        return RuleEvaluator.MatchesValue(change["after"], type, trigger.Operator, trigger.Value, now);
    }

    private async Task<int> DispatchAsync(IStoreSession s,
        IReadOnlyList<(TriggerEvent Event, List<FlowMatch> Matches)> plans)
    {
        var now = time.GetUtcNow();
        var started = 0;
        var marks = new Dictionary<Guid, FlowTriggerMark?>();
        foreach (var (e, matches) in plans)
        {
            foreach (var match in matches)
            {
                var flow = await s.Flows.GetAsync(e.WorkspaceId, match.FlowId);
                if (flow is not { Status: FlowStatus.Active })
                {
                    continue;
                }

                if (!marks.TryGetValue(flow.Id, out var mark))
                {
                    marks[flow.Id] = mark = await s.Triggers.GetMarkAsync(flow.Id);
                }

                // Triggers fire on new events only: an event written before this activation (before the first, or
                // while the flow was paused) enrolls nobody.
                if (mark is null || e.Seq <= mark.AfterSeq)
                {
                    continue;
                }

                var definition = await EnrollmentService.RunningDefinitionAsync(s, flow);
                if (definition.EffectiveEntryStepId is null || await s.Contacts.GetAsync(e.WorkspaceId,
                    e.ContactId) is not { } contact)
                {
                    continue;
                }

                var context = e.Type == TriggerTypes.Event
                    ? new JsonObject { ["event"] = new JsonObject
                    {
                        ["name"] = e.Subject, ["properties"] = e.Data["properties"]?.DeepClone(),
                    } }
                    : null;
                if (await enrollment.EnterAsync(s, flow, definition, contact, match.Segments, context, null,
                    match.Type, now)
                    is Entry.Started)
                {
                    started++;
                }
            }
        }

        return started;
    }
}
