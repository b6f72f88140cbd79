namespace Runnel.Client;

/// <summary>The answer to deleting a flow.</summary>
public sealed class FlowDeleted
{
    /// <summary>The deleted flow's id.</summary>
    public string FlowId { get; set; } = "";

    /// <summary>Always true.</summary>
    public bool Deleted { get; set; }
}
