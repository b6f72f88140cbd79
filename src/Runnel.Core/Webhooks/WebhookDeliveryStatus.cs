namespace Runnel.Core.Webhooks;

/// <summary>
/// <c>pending</c>: due at its next attempt; <c>succeeded</c>: a 2xx arrived; <c>failed</c>: given up;
/// <c>cancelled</c>: the member left the step before it was sent, so it never was.
/// </summary>
public enum WebhookDeliveryStatus
{
    Pending,
    Succeeded,
    Failed,
    Cancelled,
}
