using Runnel.Core.Events;

namespace Runnel.Core.Storage;

public interface IEventRepository
{
    /// <summary>
    /// True when the workspace already recorded an event with this client- or server-chosen event_id.
    /// </summary>
    bool Exists(Guid workspaceId, string eventId);

    void Insert(ContactEvent contactEvent);

    /// <summary>The contact's events, newest <c>occurred_at</c> first.</summary>
    Page<ContactEvent> ListForContact(Guid workspaceId, Guid contactId, PageRequest page);
}
