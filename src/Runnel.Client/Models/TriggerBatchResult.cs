namespace Runnel.Client;

/// <summary>What a batch trigger did, one result per recipient in request order.</summary>
public sealed class TriggerBatchResult
{
    /// <summary>The results.</summary>
    public IReadOnlyList<TriggerBatchItemResult> Results { get; set; } = [];
}
