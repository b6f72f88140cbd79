using System.Text.Json.Nodes;

namespace Runnel.Client;

/// <summary>The body of <see cref="FlowsResource.CreateAsync(CreateFlowRequest, CancellationToken)"/>: only <see cref="Name"/> is required.</summary>
public sealed class CreateFlowRequest
{
    /// <summary>The flow's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Free text.</summary>
    public string? Description { get; set; }

    /// <summary>Whether and when a contact may enter again.</summary>
    public ReentryPolicy? ReentryPolicy { get; set; }

    /// <summary>The entrances.</summary>
    public IList<FlowTrigger>? Triggers { get; set; }

    /// <summary>The first step; default the first of <see cref="Steps"/>.</summary>
    public string? EntryStepId { get; set; }

    /// <summary>The steps.</summary>
    public IList<FlowStep>? Steps { get; set; }

    /// <summary>A rule tree that drops members who match.</summary>
    public JsonObject? DisqualificationRules { get; set; }

    /// <summary>The builder's own data (node positions, notes): any JSON object up to 64 KiB.</summary>
    public JsonObject? Ui { get; set; }

    /// <summary>Per-flow settings.</summary>
    public FlowSettings? Settings { get; set; }
}
