using Runnel.Core.Storage;

namespace Runnel.Core.Services;

/// <summary>
/// The one way static list membership changes (the lists API and the add_to_list/remove_from_list steps): the rows
/// and their added_to_static_list / removed_from_static_list trigger events, in the caller's transaction.
/// </summary>
public static class StaticListMembership
{
    /// <summary>Adds the contacts; returns how many were not members before.</summary>
    public static async Task<int> AddAsync(IStoreSession s, Guid workspaceId, Guid listId,
        IReadOnlyList<Guid> contactIds, DateTimeOffset now)
    {
        var added = await s.Lists.AddMembersAsync(workspaceId, listId, contactIds, now);
        foreach (var contactId in added)
        {
            await TriggerEventLog.ListMembershipChangedAsync(s, workspaceId, listId, contactId, added: true, now);
        }

        return added.Count;
    }

    /// <summary>False when the contact was not a member.</summary>
    public static async Task<bool> RemoveAsync(IStoreSession s, Guid workspaceId, Guid listId, Guid contactId,
        DateTimeOffset now)
    {
        if (!await s.Lists.RemoveMemberAsync(workspaceId, listId, contactId))
        {
            return false;
        }

        await TriggerEventLog.ListMembershipChangedAsync(s, workspaceId, listId, contactId, added: false, now);
        return true;
    }
}
