using Runnel.Core.Contacts;

namespace Runnel.Core.Storage;

public interface ICustomFieldRepository
{
    void Insert(CustomField field);

    CustomField? Get(Guid workspaceId, string apiName);

    /// <summary>Every definition of the workspace, active and archived, keyed by api_name (for value checks).</summary>
    IReadOnlyDictionary<string, CustomField> GetAll(Guid workspaceId);

    /// <summary>Oldest first.</summary>
    Page<CustomField> List(Guid workspaceId, PageRequest page);

    /// <summary>Writes label, status and updated_at.</summary>
    void Update(CustomField field);
}
