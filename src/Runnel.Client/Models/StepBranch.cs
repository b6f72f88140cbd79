namespace Runnel.Client;

/// <summary>A branch of a <c>wait_for_reply</c> step (<see cref="Match"/>) or of a <c>split</c> step (<see cref="Percent"/>).</summary>
public sealed class StepBranch
{
    /// <summary><c>wait_for_reply</c>: what the reply must be.</summary>
    public ReplyMatch? Match { get; set; }

    /// <summary><c>split</c>: the share of members, all branches summing to 100.</summary>
    public int? Percent { get; set; }

    /// <summary>Where the branch continues.</summary>
    public string? NextStepId { get; set; }
}
