namespace Runnel.Client;

/// <summary>What a batch trigger did for one recipient.</summary>
public sealed class TriggerBatchItemResult
{
    /// <summary>The recipient's position in the request.</summary>
    public int Index { get; set; }

    /// <summary>One of <see cref="TriggerStatuses"/>, including <see cref="TriggerStatuses.Invalid"/>.</summary>
    public string Status { get; set; } = "";

    /// <summary>The member's id.</summary>
    public string? Id { get; set; }

    /// <summary>The contact's id.</summary>
    public string? ContactId { get; set; }

    /// <summary>Why the recipient was skipped.</summary>
    public string? Reason { get; set; }

    /// <summary>Why the recipient was invalid.</summary>
    public IReadOnlyList<RunnelProblem>? Errors { get; set; }
}
