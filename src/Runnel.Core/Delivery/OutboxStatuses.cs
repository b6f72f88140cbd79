namespace Runnel.Core.Delivery;

/// <summary>
/// An outbox row's <c>status</c>: <c>local</c> (no channel configured: the outbox is the destination), <c>pending</c>
/// (waiting for the delivery pump), <c>sent</c> (accepted by the SMTP server), <c>failed</c> (rejected or out of
/// attempts).
/// </summary>
public static class OutboxStatuses
{
    public const string Local = "local";
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    /// <summary>Not sent: the recipient unsubscribed after the message was queued.</summary>
    public const string Skipped = "skipped";
}
