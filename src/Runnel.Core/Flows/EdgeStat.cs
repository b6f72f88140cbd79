namespace Runnel.Core.Flows;
/// <summary>How many times members went from one step to the next by <see cref="Edge"/>.</summary>
public sealed record EdgeStat(string FromStepId, string? ToStepId, string Edge, long Taken);
