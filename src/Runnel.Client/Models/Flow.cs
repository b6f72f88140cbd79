using System.Text.Json.Nodes;

namespace Runnel.Client;

/// <summary>A flow: its triggers, steps, settings and membership counts (API.md §8.1).</summary>
public sealed class Flow
{
    /// <summary>The flow's id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The flow's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Free text shown in the builder.</summary>
    public string Description { get; set; } = "";

    /// <summary>One of <see cref="FlowStatuses"/>.</summary>
    public string Status { get; set; } = "";

    /// <summary>Whether and when a contact may enter again.</summary>
    public ReentryPolicy ReentryPolicy { get; set; } = new();

    /// <summary>The flow's entrances.</summary>
    public IReadOnlyList<FlowTrigger> Triggers { get; set; } = [];

    /// <summary>The first step members run; null means the first of <see cref="Steps"/>.</summary>
    public string? EntryStepId { get; set; }

    /// <summary>The steps of the flow graph.</summary>
    public IReadOnlyList<FlowStep> Steps { get; set; } = [];

    /// <summary>A rule tree; a member who matches it is dropped.</summary>
    public JsonObject? DisqualificationRules { get; set; }

    /// <summary>The builder's own data (node positions, notes), stored as given and never versioned.</summary>
    public JsonObject? Ui { get; set; }

    /// <summary>Per-flow settings.</summary>
    public FlowSettings Settings { get; set; } = new();

    /// <summary>How many times the flow was activated.</summary>
    public int Version { get; set; }

    /// <summary>When the flow was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the flow was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the flow was last activated.</summary>
    public DateTimeOffset? ActivatedAt { get; set; }

    /// <summary>Membership counts.</summary>
    public FlowStats Stats { get; set; } = new();
}
