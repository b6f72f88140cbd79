using Runnel.Core.Flows;

namespace Runnel.Core.Storage;

public interface IFlowRepository
{
    Task InsertAsync(Flow flow);

    Task<Flow?> GetAsync(Guid workspaceId, Guid id);

    /// <summary>Writes every mutable column: name, description, status, definition, version, times.</summary>
    Task UpdateAsync(Flow flow);

    /// <summary>Deletes the flow and its frozen versions; false when the workspace has no such flow.</summary>
    Task<bool> DeleteAsync(Guid workspaceId, Guid id);

    Task<Page<Flow>> ListAsync(Guid workspaceId, FlowListQuery query, PageRequest page);

    /// <summary>Every active flow of every workspace, for the trigger index and the date scheduler.</summary>
    Task<IReadOnlyList<Flow>> ListActiveAsync();

    /// <summary>Freezes <paramref name="definition"/> as <paramref name="version"/> (one per activation).</summary>
    Task InsertVersionAsync(Guid flowId, int version, FlowDefinition definition, DateTimeOffset createdAt);

    /// <summary>The frozen definition members of that version run on, or null.</summary>
    Task<FlowDefinition?> GetVersionAsync(Guid flowId, int version);


    /// <summary>True when an active flow's send_webhook step signs with the named secret.</summary>
    Task<bool> ActiveFlowUsesSecretAsync(Guid workspaceId, string name);

    /// <summary>True when an active flow names the list in a trigger, a step or a rule tree.</summary>
    Task<bool> ActiveFlowUsesListAsync(Guid workspaceId, Guid listId);

    /// <summary>True when an active flow's form_submitted trigger is scoped to the page.</summary>
    Task<bool> ActiveFlowUsesPageAsync(Guid workspaceId, Guid pageId);

    /// <summary>The workspace as activation checks see it, read inside this session's transaction.</summary>
    IActivationCatalog ActivationCatalog(Guid workspaceId, Func<Guid, Task<EmailState?>> emailLookup);
}
