using System.Text.Json.Nodes;

namespace Runnel.Client;

/// <summary>The body of <see cref="FlowsResource.UpdateAsync(string, UpdateFlowRequest, CancellationToken)"/>: members left null are not sent and do not change.</summary>
public sealed class UpdateFlowRequest
{
    /// <summary>The flow's name.</summary>
    public string? Name { get; set; }

    /// <summary>Free text.</summary>
    public string? Description { get; set; }

    /// <summary>Replaces the reentry policy (draft or paused flows only).</summary>
    public ReentryPolicy? ReentryPolicy { get; set; }

    /// <summary>Replaces every trigger (draft or paused flows only).</summary>
    public IList<FlowTrigger>? Triggers { get; set; }

    /// <summary>The first step (draft or paused flows only).</summary>
    public string? EntryStepId { get; set; }

    /// <summary>Replaces every step (draft or paused flows only).</summary>
    public IList<FlowStep>? Steps { get; set; }

    /// <summary>Replaces the disqualification rules; on an active flow drops the members that match at once.</summary>
    public JsonObject? DisqualificationRules { get; set; }

    /// <summary>Replaces the builder's own data; editable in any status but archived, and not part of a version.</summary>
    public JsonObject? Ui { get; set; }

    /// <summary>Settings to change, merged member by member.</summary>
    public FlowSettings? Settings { get; set; }
}
