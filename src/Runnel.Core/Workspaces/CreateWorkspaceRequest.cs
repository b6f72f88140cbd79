namespace Runnel.Core.Workspaces;

public sealed record CreateWorkspaceRequest(string? Name, string? Timezone);
