using Runnel.Core.Triggers;

namespace Runnel.Core.Storage;

/// <summary>Trigger events and their dispatch state, activation marks and the date-trigger bookkeeping.</summary>
public interface ITriggerRepository
{
    /// <summary>Appends an event (its <see cref="TriggerEvent.Seq"/> is ignored and assigned).</summary>
    Task AppendAsync(TriggerEvent triggerEvent);

    /// <summary>
    /// False only when this session knows, without asking the database, that no active flow has a trigger the event
    /// could fire: the write session of a store with a single writer, which keeps the active flows exactly
    /// (SQLite). Such an event need not be stored — the dispatcher would enroll nobody, and a flow activated later
    /// ignores events older than its activation. True whenever the session cannot know (reads; a store shared by
    /// nodes, where another node may just have activated a flow that listens).
    /// </summary>
    Task<bool> MayFireAsync(TriggerEvent triggerEvent);

    /// <summary>Whether any event waits for dispatch (an index lookup, for the dispatcher's idle check).</summary>
    Task<bool> AnyPendingAsync();

    /// <summary>
    /// Up to <paramref name="limit"/> events not yet dispatched, in sequence order. Called in a write: where several
    /// nodes share the database the rows stay locked until it commits and other nodes' claims skip them.
    /// </summary>
    Task<IReadOnlyList<TriggerEvent>> ClaimPendingAsync(int limit);

    /// <summary>Marks events dispatched, in the transaction of the enrollments they caused.</summary>
    Task MarkDispatchedAsync(IReadOnlyCollection<long> seqs, DateTimeOffset at);

    /// <summary>Records that the flow listens from now on: events written before this moment never enroll.</summary>
    Task MarkActivationAsync(Guid flowId, DateTimeOffset at);

    Task<FlowTriggerMark?> GetMarkAsync(Guid flowId);

    /// <summary>The local date (yyyy-MM-dd) of the last finished run of one date trigger of one flow version.</summary>
    Task<string?> LastDateRunAsync(Guid flowId, int version, int triggerIndex);

    Task RecordDateRunAsync(Guid flowId, int version, int triggerIndex, string runDate);

    /// <summary>
    /// Up to <paramref name="limit"/> contact ids above <paramref name="afterContactId"/>, in id order, whose
    /// <paramref name="field"/> falls on <paramref name="day"/> (yyyy-MM-dd) or, when <paramref name="monthDays"/>
    /// is given, on one of those MM-dd of any year.
    /// </summary>
    Task<IReadOnlyList<Guid>> ContactsOnDateAsync(Guid workspaceId, string field, string day,
        IReadOnlyList<string>? monthDays, Guid? afterContactId, int limit);

    /// <summary>Claims (flow, trigger, contact, date); false when it was claimed before.</summary>
    Task<bool> ClaimDateAsync(Guid flowId, int triggerIndex, Guid contactId, string runDate);
}
