using Runnel.Core.Webhooks;

namespace Runnel.Core.Storage;

public interface IWebhookDeliveryRepository
{
    /// <summary>Stores a new pending delivery due at <paramref name="now"/>; a repeat of its idempotency key is ignored.</summary>
    bool Insert(WebhookRequest request, DateTimeOffset now);

    WebhookDelivery? Get(Guid workspaceId, Guid id);

    /// <summary>Pending deliveries whose next attempt is due at <paramref name="now"/>, earliest first.</summary>
    IReadOnlyList<WebhookDelivery> ListDue(DateTimeOffset now, int limit);

    /// <summary>When the next pending delivery falls due, or null when none is pending.</summary>
    DateTimeOffset? NextDue();

    /// <summary>Writes the delivery's state: status, attempts, next attempt, last answer and when it finished.</summary>
    void UpdateState(WebhookDelivery delivery);
}
