namespace Runnel.Client;

/// <summary>Per-call options of a POST.</summary>
public sealed class RequestOptions
{
    /// <summary>
    /// The <c>Idempotency-Key</c> to send (1–255 characters). The server remembers it 24 hours per API key: a repeat
    /// with the same key and body gets the first answer instead of a second execution. Null means the SDK makes one
    /// for the call and reuses it across the call's retries.
    /// </summary>
    public string? IdempotencyKey { get; set; }
}
