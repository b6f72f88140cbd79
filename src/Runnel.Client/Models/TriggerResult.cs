namespace Runnel.Client;

/// <summary>What a trigger did.</summary>
public sealed class TriggerResult
{
    /// <summary>The member's id (the new one, or the running one when already running).</summary>
    public string? Id { get; set; }

    /// <summary>One of <see cref="TriggerStatuses"/>.</summary>
    public string Status { get; set; } = "";

    /// <summary>Why the contact was skipped: one of <see cref="SkipReasons"/>.</summary>
    public string? Reason { get; set; }

    /// <summary>The flow's id.</summary>
    public string FlowId { get; set; } = "";

    /// <summary>The flow's name.</summary>
    public string FlowName { get; set; } = "";

    /// <summary>The contact's id.</summary>
    public string ContactId { get; set; } = "";
}
