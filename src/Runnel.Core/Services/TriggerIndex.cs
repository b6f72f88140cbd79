using Runnel.Core.Flows;
using Runnel.Core.Storage;
using Runnel.Core.Triggers;

namespace Runnel.Core.Services;

/// <summary>
/// The triggers of every active flow, by workspace, type and subject (list id, form id, event name), so matching a
/// trigger event costs a dictionary lookup rather than a pass over flows. Rebuilt when the set of active flows or
/// their versions changes (<see cref="Fingerprint"/> differs), which is how pausing, activating, archiving and
/// editing an active flow's settings reach the dispatcher — also when another node made the change.
/// </summary>
public sealed class TriggerIndex
{
    private readonly Dictionary<(Guid Workspace, string Type, string? Subject), List<IndexedTrigger>> _entries;

    private TriggerIndex(string fingerprint,
        Dictionary<(Guid Workspace, string Type, string? Subject), List<IndexedTrigger>> entries)
    {
        Fingerprint = fingerprint;
        _entries = entries;
    }

    public static TriggerIndex Empty { get; } = new("", []);

    public string Fingerprint { get; }

    /// <summary>A trigger of an active flow: the flow, the trigger's position in its running definition, the trigger.</summary>
    public sealed record IndexedTrigger(Guid FlowId, int Index, FlowTrigger Trigger);

    /// <summary>The active flows as a fingerprint: ids, versions and update times in one string.</summary>
    public static string FingerprintOf(IReadOnlyList<Flow> active) =>
        string.Join(';', active.Select(f => $"{f.Id:N}:{f.Version}:{f.UpdatedAt.ToUnixTimeMilliseconds()}"));

    public static async Task<TriggerIndex> BuildAsync(IStoreSession s, IReadOnlyList<Flow> active)
    {
        var entries = new Dictionary<(Guid, string, string?), List<IndexedTrigger>>();
        foreach (var flow in active)
        {
            var definition = await EnrollmentService.RunningDefinitionAsync(s, flow);
            for (var i = 0; i < definition.Triggers.Count; i++)
            {
                var trigger = definition.Triggers[i];
                if (SubjectOf(trigger) is not (true, var subject))
                {
                    continue;
                }

                var key = (flow.WorkspaceId, trigger.Type, subject);
                if (!entries.TryGetValue(key, out var list))
                {
                    entries[key] = list = [];
                }

                list.Add(new IndexedTrigger(flow.Id, i, trigger));
            }
        }

        return new TriggerIndex(FingerprintOf(active), entries);
    }

    /// <summary>The triggers listening for this event's type and subject.</summary>
    public IReadOnlyList<IndexedTrigger> Candidates(TriggerEvent e) =>
        _entries.TryGetValue((e.WorkspaceId, e.Type, e.Subject), out var list) ? list : [];

    /// <summary>
    /// What a trigger listens to, or (false, _) for triggers the dispatcher does not serve: api (called directly),
    /// date_based (the scheduler), inbound_message (SMS), and triggers missing their list or form.
    /// </summary>
    private static (bool Indexed, string? Subject) SubjectOf(FlowTrigger trigger) => trigger switch
    {
        AddedToStaticListTrigger { ListId: { } list } => (true, Ids.Format(list)),
        RemovedFromStaticListTrigger { ListId: { } list } => (true, Ids.Format(list)),
        FormSubmittedTrigger { FormId: { } form } => (true, Ids.Format(form)),
        EventTrigger { Name: { } name } => (true, name),
        ContactCreatedTrigger or ContactUpdatedTrigger => (true, null),
        _ => (false, null),
    };
}
