namespace Runnel.Bench;

/// <summary>One timed clock advance of the drain: the steps it ran, its wall time and the server's CPU over it.</summary>
public sealed record DrainPhase(long Steps, double Seconds, double ServerCpuSeconds)
{
    public double StepsPerSecond => Steps / Seconds;
}
