using Runnel.Core.Rules;

namespace Runnel.Core.Storage;

/// <summary>The facts rule evaluation needs about one batch of contacts, loaded in a few queries.</summary>
/// <param name="FieldTypes">The workspace's custom field types by api_name.</param>
/// <param name="Memberships">Each contact's explicit (static) list memberships.</param>
/// <param name="Events">Each contact's events of the requested names, by contact and name.</param>
public sealed record RuleFactsBatch(
    IReadOnlyDictionary<string, string> FieldTypes,
    IReadOnlyDictionary<Guid, IReadOnlySet<Guid>> Memberships,
    IReadOnlyDictionary<(Guid ContactId, string Name), IReadOnlyList<RuleEvent>> Events)
{
    public bool IsMember(Guid contactId, Guid listId) =>
        Memberships.TryGetValue(contactId, out var lists) && lists.Contains(listId);

    public IReadOnlyList<RuleEvent> EventsOf(Guid contactId, string name) =>
        Events.TryGetValue((contactId, name), out var events) ? events : [];
}
