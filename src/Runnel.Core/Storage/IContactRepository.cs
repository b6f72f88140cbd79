using Runnel.Core.Contacts;

namespace Runnel.Core.Storage;

public interface IContactRepository
{
    void Insert(Contact contact);

    Contact? Get(Guid workspaceId, Guid id);

    /// <summary>Contacts of the workspace in id order after <paramref name="afterId"/>, for streaming scans.</summary>
    IReadOnlyList<Contact> ListAfter(Guid workspaceId, Guid? afterId, int limit);
}
