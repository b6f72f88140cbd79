using Runnel.Core.Contacts;

namespace Runnel.Core.Storage;

public interface IContactRepository
{
    Task<Contact?> GetAsync(Guid workspaceId, Guid id);

    /// <summary>The workspace's contacts among <paramref name="ids"/>, by id; missing ones are absent.</summary>
    Task<IReadOnlyDictionary<Guid, Contact>> GetManyAsync(Guid workspaceId, IReadOnlyCollection<Guid> ids);

    /// <summary>Contacts of the workspace in id order after <paramref name="afterId"/>, for streaming scans.</summary>
    Task<IReadOnlyList<Contact>> ListAfterAsync(Guid workspaceId, Guid? afterId, int limit);

    /// <summary>By normalised (lower-case) email.</summary>
    Task<Contact?> FindByEmailAsync(Guid workspaceId, string email);

    /// <summary>By E.164 phone.</summary>
    Task<Contact?> FindByPhoneAsync(Guid workspaceId, string phone);

    Task<Contact?> FindByExternalIdAsync(Guid workspaceId, string externalId);

    /// <summary>
    /// The contact with this normalised email (<paramref name="channel"/> <see cref="Suppressions.EmailChannel"/>) or
    /// E.164 phone (<see cref="Suppressions.SmsChannel"/>), and whether that address is on the workspace's suppression
    /// list (<paramref name="addressHash"/>, <see cref="Suppressions.Hash"/>): in one query, because creating a
    /// contact for an address nobody has needs both answers.
    /// </summary>
    Task<ContactLookup> LookUpAddressAsync(Guid workspaceId, string channel, string address, string addressHash);

    Task InsertAsync(Contact contact);

    /// <summary>Writes every column but id, workspace_id and created_at.</summary>
    Task UpdateAsync(Contact contact);

    /// <summary>
    /// Newest first. Email, phone and external_id filter by equality; search is a case-insensitive substring of
    /// email, first or last name, external_id or phone.
    /// </summary>
    Task<Page<Contact>> ListAsync(Guid workspaceId, ContactQuery query, PageRequest page);

    /// <summary>
    /// Deletes the contact with its list memberships and events; false when there is no such contact.
    /// </summary>
    Task<bool> DeleteAsync(Guid workspaceId, Guid id);
}

/// <summary>What <see cref="IContactRepository.LookUpAddress"/> found: the contact, if any, and the suppression.</summary>
public sealed record ContactLookup(Contact? Contact, bool Suppressed);
