namespace Runnel.Core.Flows;

/// <summary>
/// What a builder shows on the canvas for one flow version (API.md §8.7): per step and per edge, counted from the
/// memberships on that version and their timelines.
/// </summary>
public sealed record FlowStepStats(int Version, IReadOnlyList<StepStat> StepStats, IReadOnlyList<EdgeStat> EdgeStats);

/// <summary>
/// Members at the step now (<see cref="AtStep"/>, of them <see cref="Waiting"/>), arrivals at it
/// (<see cref="Executed"/>) and memberships that ended on it (<see cref="Exited"/>).
/// </summary>
public sealed record StepStat(string StepId, long AtStep, long Waiting, long Executed, long Exited);

/// <summary>How many times members went from one step to the next by <see cref="Edge"/>.</summary>
public sealed record EdgeStat(string FromStepId, string? ToStepId, string Edge, long Taken);
