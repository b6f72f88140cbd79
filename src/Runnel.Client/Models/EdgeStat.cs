namespace Runnel.Client;

/// <summary>How often members took one edge.</summary>
public sealed class EdgeStat
{
    /// <summary>The step the edge leaves.</summary>
    public string FromStepId { get; set; } = "";

    /// <summary>The step it leads to.</summary>
    public string? ToStepId { get; set; }

    /// <summary><c>next</c>, <c>true</c>, <c>false</c>, <c>default</c>, <c>branch:N</c>, <c>no_match</c> or <c>timeout</c>.</summary>
    public string Edge { get; set; } = "";

    /// <summary>How many times it was taken.</summary>
    public long Taken { get; set; }
}
