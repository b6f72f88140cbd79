namespace Runnel.Client;

/// <summary>Per-step and per-edge counts of one version of a flow.</summary>
public sealed class FlowStepStats
{
    /// <summary>The version counted.</summary>
    public int Version { get; set; }

    /// <summary>One entry per step.</summary>
    public IReadOnlyList<StepStat> StepStats { get; set; } = [];

    /// <summary>One entry per edge.</summary>
    public IReadOnlyList<EdgeStat> EdgeStats { get; set; } = [];
}
