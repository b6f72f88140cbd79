using Runnel.Core.Workspaces;

namespace Runnel.Core.Storage;

public interface IWorkspaceRepository
{
    void Insert(Workspace workspace);

    Workspace? Get(Guid id);

    Workspace? GetDefault();

    Page<Workspace> List(PageRequest page);

    void Update(Workspace workspace);
}
