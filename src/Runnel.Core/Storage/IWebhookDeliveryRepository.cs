using Runnel.Core.Webhooks;

namespace Runnel.Core.Storage;

public interface IWebhookDeliveryRepository
{
    /// <summary>Stores a new pending delivery due at <paramref name="now"/>; a repeat of its idempotency key is ignored.</summary>
    Task<bool> InsertAsync(WebhookRequest request, DateTimeOffset now);

    Task<WebhookDelivery?> GetAsync(Guid workspaceId, Guid id);

    /// <summary>
    /// Claims pending deliveries whose next attempt is due at <paramref name="now"/>, earliest first, by moving their
    /// next attempt to <paramref name="leaseUntil"/>: a node that dies mid-attempt leaves them to be retried then, and
    /// where nodes share the database, rows another node is claiming are skipped.
    /// </summary>
    Task<IReadOnlyList<WebhookDelivery>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit);

    /// <summary>When the next pending delivery falls due, or null when none is pending.</summary>
    Task<DateTimeOffset?> NextDueAsync();

    /// <summary>
    /// Writes the delivery's state (status, attempts, next attempt, last answer, when it finished) if it is still
    /// pending; false when it already finished (another node's attempt recorded it first).
    /// </summary>
    Task<bool> UpdateStateAsync(WebhookDelivery delivery);
}
