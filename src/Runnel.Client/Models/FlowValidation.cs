namespace Runnel.Client;

/// <summary>The result of a dry run of activation.</summary>
public sealed class FlowValidation
{
    /// <summary>Whether the flow would activate.</summary>
    public bool Ready { get; set; }

    /// <summary>Every problem that stops activation.</summary>
    public IReadOnlyList<RunnelProblem> Missing { get; set; } = [];
}
