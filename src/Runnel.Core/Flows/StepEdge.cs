using Runnel.Core.Members;

namespace Runnel.Core.Flows;
/// <summary>An edge from a step: the JSON member that holds it (e.g. <c>branches[1].next_step_id</c>) and its target.</summary>
public sealed record StepEdge(string Member, string? Target);
