using Runnel.Core.Workspaces;

namespace Runnel.Core.Storage;

public interface IWorkspaceRepository
{
    void Insert(Workspace workspace);

    Workspace? Get(Guid id);

    Workspace? GetDefault();

    Page<Workspace> List(PageRequest page);

    void Update(Workspace workspace);

    /// <summary>The workspace whose <c>settings.sms_from</c> is this E.164 number: where its inbound SMS belong.</summary>
    Workspace? FindBySmsFrom(string e164);
}
