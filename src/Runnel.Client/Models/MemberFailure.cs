namespace Runnel.Client;

/// <summary>Why a member failed.</summary>
public sealed class MemberFailure
{
    /// <summary>The step that failed.</summary>
    public string? StepId { get; set; }

    /// <summary>What went wrong.</summary>
    public string? Error { get; set; }

    /// <summary>How many times it was tried.</summary>
    public int Attempts { get; set; }
}
