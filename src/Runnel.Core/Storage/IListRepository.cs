using Runnel.Core.Contacts;
using Runnel.Core.Lists;

namespace Runnel.Core.Storage;

public interface IListRepository
{
    /// <summary>Stores a list; the lists its rules name are recorded so <see cref="FindUseAsync"/> can find
    /// them.</summary>
    Task InsertAsync(ContactList list);

    Task<ContactList?> GetAsync(Guid workspaceId, Guid id);

    /// <summary>The workspace's lists, oldest first.</summary>
    Task<Page<ContactList>> ListAsync(Guid workspaceId, PageRequest page);

    /// <summary>Every dynamic list of the workspace: the rule trees that list references resolve against.</summary>
    Task<IReadOnlyList<ContactList>> ListDynamicAsync(Guid workspaceId);

    /// <summary>Saves name, rules and updated_at, and re-records the lists the rules name.</summary>
    Task UpdateAsync(ContactList list);

    /// <summary>Deletes the list and its memberships; false when the workspace has no such list.</summary>
    Task<bool> DeleteAsync(Guid workspaceId, Guid id);

    /// <summary>
    /// What keeps the list from being deleted, as a phrase for the problem detail (e.g. <c>dynamic list 'VIPs'</c>),
    /// or null when nothing uses it. Checks other lists' rules; the flows feature adds its active flows here.
    /// </summary>
    Task<string?> FindUseAsync(Guid workspaceId, Guid id);

    /// <summary>Explicit member counts of the given (static) lists; lists without members are absent.</summary>
    Task<IReadOnlyDictionary<Guid, long>> CountMembersAsync(Guid workspaceId, IReadOnlyCollection<Guid> listIds);

    /// <summary>
    /// Those of <paramref name="contactIds"/> that are not contacts of the workspace, in the order given.
    /// </summary>
    Task<IReadOnlyList<Guid>> MissingContactsAsync(Guid workspaceId, IReadOnlyList<Guid> contactIds);

    /// <summary>Adds the contacts to a static list; returns those that were not members before, in input order.</summary>
    Task<IReadOnlyList<Guid>> AddMembersAsync(Guid workspaceId, Guid listId, IReadOnlyList<Guid> contactIds,
        DateTimeOffset at);

    /// <summary>False when the contact was not a member.</summary>
    Task<bool> RemoveMemberAsync(Guid workspaceId, Guid listId, Guid contactId);

    /// <summary>A static list's members, in contact id (creation) order.</summary>
    Task<Page<Contact>> MembersAsync(Guid workspaceId, Guid listId, PageRequest page);
}
