namespace Runnel.Bench;

/// <summary>
/// What the drain measured: the first advance (hold released → update_contact → parked in the 1-day wait, 3 steps a
/// member), the second (the wait released → condition_check → completed, 2 steps a member) and whether every member
/// arrived where expected.
/// </summary>
public sealed record DrainResult(int Members, DrainPhase First, DrainPhase Second, bool Checked)
{
    /// <summary>Both advances together: every step of the drain over the two advances' wall time.</summary>
    public double StepsPerSecond => (First.Steps + Second.Steps) / (First.Seconds + Second.Seconds);

    /// <summary>Members carried from the released hold to completion per second of the two advances.</summary>
    public double MembersPerSecond => Members / (First.Seconds + Second.Seconds);
}
