using Runnel.Core.Forms;

namespace Runnel.Core.Storage;

public interface IFormRepository
{
    Task InsertAsync(Form form);

    Task<Form?> GetAsync(Guid workspaceId, Guid id);

    /// <summary>A form by id alone, for the public submit endpoint (which has no workspace key).</summary>
    Task<Form?> FindAsync(Guid id);

    Task<Page<Form>> ListAsync(Guid workspaceId, PageRequest page);

    Task UpdateAsync(Form form);

    Task<bool> DeleteAsync(Guid workspaceId, Guid id);

    Task InsertSubmissionAsync(FormSubmission submission);
}
