namespace Runnel.Client;

/// <summary>Counts of one step.</summary>
public sealed class StepStat
{
    /// <summary>The step.</summary>
    public string StepId { get; set; } = "";

    /// <summary>Members at the step now.</summary>
    public long AtStep { get; set; }

    /// <summary>Of them, those waiting.</summary>
    public long Waiting { get; set; }

    /// <summary>How many times the step ran.</summary>
    public long Executed { get; set; }

    /// <summary>How many memberships ended on it.</summary>
    public long Exited { get; set; }
}
