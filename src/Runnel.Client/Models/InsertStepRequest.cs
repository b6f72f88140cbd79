namespace Runnel.Client;

/// <summary>Where to insert a step: at most one of <see cref="Position"/>, <see cref="BeforeStepId"/> and <see cref="AfterStepId"/>.</summary>
public sealed class InsertStepRequest
{
    /// <summary>The step to insert.</summary>
    public FlowStep Step { get; set; } = new();

    /// <summary><see cref="StepPositions.Start"/> or <see cref="StepPositions.End"/> (the default).</summary>
    public string? Position { get; set; }

    /// <summary>Insert before this step.</summary>
    public string? BeforeStepId { get; set; }

    /// <summary>Insert after this step.</summary>
    public string? AfterStepId { get; set; }
}
