using Runnel.Core.Emails;

namespace Runnel.Core.Storage;

public interface ITemplateRepository
{
    void Insert(EmailTemplate template);

    EmailTemplate? Get(Guid workspaceId, Guid id);

    /// <summary>The workspace's templates, newest first.</summary>
    Page<EmailTemplate> List(Guid workspaceId, PageRequest page);

    void Update(EmailTemplate template);

    /// <summary>False when the workspace has no such template.</summary>
    bool Delete(Guid workspaceId, Guid id);
}
