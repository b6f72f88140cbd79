using Runnel.Core.Workspaces;

namespace Runnel.Core.Storage;

public interface IWorkspaceRepository
{
    Task InsertAsync(Workspace workspace);

    Task<Workspace?> GetAsync(Guid id);

    Task<Workspace?> GetDefaultAsync();

    Task<Page<Workspace>> ListAsync(PageRequest page);

    Task UpdateAsync(Workspace workspace);

    /// <summary>The workspace whose <c>settings.sms_from</c> is this E.164 number: where its inbound SMS belong.</summary>
    Task<Workspace?> FindBySmsFromAsync(string e164);
}
