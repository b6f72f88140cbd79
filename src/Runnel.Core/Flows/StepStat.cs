namespace Runnel.Core.Flows;
/// <summary>
/// Members at the step now (<see cref="AtStep"/>, of them <see cref="Waiting"/>), arrivals at it
/// (<see cref="Executed"/>) and memberships that ended on it (<see cref="Exited"/>).
/// </summary>
public sealed record StepStat(string StepId, long AtStep, long Waiting, long Executed, long Exited);
