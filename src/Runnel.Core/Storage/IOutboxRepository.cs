using Runnel.Core.Delivery;
using Runnel.Core.Members;

namespace Runnel.Core.Storage;

public interface IOutboxRepository
{
    /// <summary>Stores a message; a second message with the same idempotency key is ignored (returns false).</summary>
    bool Insert(Guid workspaceId, OutboundMessage message, string status, DateTimeOffset now, DateTimeOffset? sentAt);

    Page<OutboxRecord> List(Guid workspaceId, string? to, PageRequest page);

    OutboxRecord? Get(Guid workspaceId, Guid id);

    /// <summary>The message with this Message-ID (without angle brackets), for provider events.</summary>
    OutboxRecord? FindByMessageId(Guid workspaceId, string bareMessageId);

    /// <summary>
    /// Claims up to <paramref name="limit"/> pending emails due at <paramref name="now"/>, oldest first, by moving
    /// their next attempt to <paramref name="leaseUntil"/>: a sender that dies mid-send leaves them to be retried then.
    /// </summary>
    IReadOnlyList<PendingEmail> ClaimDue(DateTimeOffset now, DateTimeOffset leaseUntil, int limit);

    /// <summary>When the next pending email is due, or null when none is pending.</summary>
    DateTimeOffset? NextAttemptAt();

    void MarkSent(Guid id, int attempts, DateTimeOffset at);

    void MarkRetry(Guid id, int attempts, DateTimeOffset nextAttemptAt, string error);

    void MarkFailed(Guid id, int attempts, string error);

    /// <summary>The message will not be sent because its recipient unsubscribed after it was queued.</summary>
    void MarkSkipped(Guid id);

    /// <summary>Records what the provider reported last (delivered, bounced, complained).</summary>
    void SetDeliveryStatus(Guid id, string status);
}
