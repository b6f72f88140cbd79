using Runnel.Core.Events;

namespace Runnel.Core.Storage;

public interface IEventRepository
{
    /// <summary>
    /// True when the workspace already recorded an event with this client- or server-chosen event_id.
    /// </summary>
    Task<bool> ExistsAsync(Guid workspaceId, string eventId);

    Task InsertAsync(ContactEvent contactEvent);

    /// <summary>The contact's events, newest <c>occurred_at</c> first.</summary>
    Task<Page<ContactEvent>> ListForContactAsync(Guid workspaceId, Guid contactId, PageRequest page);
}
