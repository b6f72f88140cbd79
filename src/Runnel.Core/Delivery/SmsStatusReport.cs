namespace Runnel.Core.Delivery;

/// <summary>
/// A provider's delivery status callback in the server's own terms: the provider's message id, <see cref="Status"/>
/// (<c>delivered</c>, <c>failed</c>, or progress such as <c>sent</c> that changes nothing) and the error if any.
/// </summary>
public sealed record SmsStatusReport(string ProviderMessageId, string Status, string? ErrorCode, string? Error)
{
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    /// <summary>Twilio's MessageStatus: <c>delivered</c>; <c>failed</c> and <c>undelivered</c> are failures.</summary>
    public static string FromTwilio(string? status) => status?.ToLowerInvariant() switch
    {
        "delivered" => Delivered,
        "failed" or "undelivered" => Failed,
        { } other => other,
        null => "",
    };
}
