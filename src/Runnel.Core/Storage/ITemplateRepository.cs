using Runnel.Core.Emails;

namespace Runnel.Core.Storage;

public interface ITemplateRepository
{
    Task InsertAsync(EmailTemplate template);

    Task<EmailTemplate?> GetAsync(Guid workspaceId, Guid id);

    /// <summary>The workspace's templates, newest first.</summary>
    Task<Page<EmailTemplate>> ListAsync(Guid workspaceId, PageRequest page);

    Task UpdateAsync(EmailTemplate template);

    /// <summary>False when the workspace has no such template.</summary>
    Task<bool> DeleteAsync(Guid workspaceId, Guid id);
}
