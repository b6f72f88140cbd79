namespace Runnel.Client;

/// <summary>An RFC 9457 problem document with Runnel's extra members.</summary>
internal sealed class ProblemDocument
{
    public string? Type { get; set; }

    public string? Title { get; set; }

    public int? Status { get; set; }

    public string? Detail { get; set; }

    public string? ErrorCode { get; set; }

    public List<RunnelProblem>? Errors { get; set; }

    public List<RunnelProblem>? Missing { get; set; }
}
