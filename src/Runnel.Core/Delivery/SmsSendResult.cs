namespace Runnel.Core.Delivery;

/// <summary>
/// What one SMS send attempt came to: <see cref="SendOutcome"/>, the provider's id for the message when accepted, the
/// provider's error code and text when not, and its <c>Retry-After</c> on a 429.
/// </summary>
public sealed record SmsSendResult(
    SendOutcome Outcome,
    string? ProviderMessageId = null,
    string? Error = null,
    string? ErrorCode = null,
    TimeSpan? RetryAfter = null)
{
    /// <summary>Twilio's "the recipient has opted out" (21610): the contact is unsubscribed, never retried.</summary>
    public const string OptedOutCode = "21610";

    public bool RecipientOptedOut => ErrorCode == OptedOutCode;
}
