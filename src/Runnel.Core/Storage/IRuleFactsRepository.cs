namespace Runnel.Core.Storage;

/// <summary>
/// Bulk loads of what rule trees ask about contacts, so evaluation streams batches without a query per contact.
/// </summary>
public interface IRuleFactsRepository
{
    /// <summary>
    /// Custom field types, static list memberships and events for <paramref name="contactIds"/>. Events are loaded
    /// only for the names in <paramref name="eventsSince"/>, each from its time on (null: all of that name's events).
    /// </summary>
    Task<RuleFactsBatch> LoadAsync(Guid workspaceId, IReadOnlyCollection<Guid> contactIds,
        IReadOnlyDictionary<string, DateTimeOffset?> eventsSince);
}
