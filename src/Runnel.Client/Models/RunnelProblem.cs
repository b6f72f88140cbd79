namespace Runnel.Client;

/// <summary>One problem in a problem document's <c>errors</c> or <c>missing</c>.</summary>
public sealed class RunnelProblem
{
    /// <summary>Where, e.g. <c>steps[1].email_id</c>.</summary>
    public string Path { get; set; } = "";

    /// <summary>What is wrong.</summary>
    public string Message { get; set; } = "";
}
