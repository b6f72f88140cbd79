namespace Runnel.Core.Flows;

/// <summary>
/// What a builder shows on the canvas for one flow version (API.md §8.7): per step and per edge, counted from the
/// memberships on that version and their timelines.
/// </summary>
public sealed record FlowStepStats(int Version, IReadOnlyList<StepStat> StepStats, IReadOnlyList<EdgeStat> EdgeStats);
