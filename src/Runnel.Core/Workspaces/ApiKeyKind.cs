namespace Runnel.Core.Workspaces;
public enum ApiKeyKind
{
    Secret,
    Public,
}
