namespace Runnel.Bench;

/// <summary>One node count of the scale part: enrollment and drain throughput, their costs, and the checks' verdict.</summary>
public sealed record ScaleResult(int Nodes, double EnrollPerSecond, PhaseCost Enroll, double StepsPerSecond,
    PhaseCost Drain, bool Checked);
