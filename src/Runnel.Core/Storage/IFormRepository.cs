using Runnel.Core.Forms;

namespace Runnel.Core.Storage;

public interface IFormRepository
{
    void Insert(Form form);

    Form? Get(Guid workspaceId, Guid id);

    /// <summary>A form by id alone, for the public submit endpoint (which has no workspace key).</summary>
    Form? Find(Guid id);

    Page<Form> List(Guid workspaceId, PageRequest page);

    void Update(Form form);

    bool Delete(Guid workspaceId, Guid id);

    void InsertSubmission(FormSubmission submission);
}
