using Runnel.Core.Contacts;

namespace Runnel.Core.Storage;

public interface ICustomFieldRepository
{
    Task InsertAsync(CustomField field);

    Task<CustomField?> GetAsync(Guid workspaceId, string apiName);

    /// <summary>Every definition of the workspace, active and archived, keyed by api_name (for value checks).</summary>
    Task<IReadOnlyDictionary<string, CustomField>> GetAllAsync(Guid workspaceId);

    /// <summary>Oldest first.</summary>
    Task<Page<CustomField>> ListAsync(Guid workspaceId, PageRequest page);

    /// <summary>Writes label, status and updated_at.</summary>
    Task UpdateAsync(CustomField field);
}
