using Runnel.Core.Delivery;
using Runnel.Core.Members;

namespace Runnel.Core.Storage;

public interface IOutboxRepository
{
    /// <summary>Stores a message; a second message with the same idempotency key is ignored (returns false).</summary>
    Task<bool> InsertAsync(Guid workspaceId, OutboundMessage message, string status, DateTimeOffset now,
        DateTimeOffset? sentAt);

    /// <summary>Messages of the workspace, newest first, optionally of one recipient and one channel.</summary>
    Task<Page<OutboxRecord>> ListAsync(Guid workspaceId, string? to, PageRequest page, string? channel = null);

    Task<OutboxRecord?> GetAsync(Guid workspaceId, Guid id);

    /// <summary>The message with this Message-ID (without angle brackets), for provider events.</summary>
    Task<OutboxRecord?> FindByMessageIdAsync(Guid workspaceId, string bareMessageId);

    /// <summary>
    /// Claims up to <paramref name="limit"/> pending emails due at <paramref name="now"/>, oldest first, by moving
    /// their next attempt to <paramref name="leaseUntil"/>: a sender that dies mid-send leaves them to be retried then.
    /// </summary>
    Task<IReadOnlyList<PendingEmail>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit);

    /// <summary>When the next pending message of the channel is due, or null when none is pending.</summary>
    Task<DateTimeOffset?> NextAttemptAtAsync(string channel = OutboundMessage.EmailChannel);

    /// <summary>As <see cref="ClaimDueAsync"/>, for pending SMS: the lease is the moved next attempt, skipped by
    /// others.</summary>
    Task<IReadOnlyList<PendingSms>> ClaimDueSmsAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit);

    /// <summary>The SMS was accepted by the provider under <paramref name="providerMessageId"/>; fenced on pending.</summary>
    Task<bool> MarkSmsSentAsync(Guid id, int attempts, DateTimeOffset at, string? providerMessageId);

    /// <summary>
    /// The SMS with this provider message id (Twilio's MessageSid) and its workspace: status callbacks name the
    /// message before anything else tells which workspace it belongs to.
    /// </summary>
    Task<(Guid WorkspaceId, OutboxRecord Message)?> FindSmsByProviderIdAsync(string providerMessageId);

    Task MarkSentAsync(Guid id, int attempts, DateTimeOffset at);

    Task<bool> MarkRetryAsync(Guid id, int attempts, DateTimeOffset nextAttemptAt, string error);

    /// <summary>Fenced on pending: false when another attempt already settled the row.</summary>
    Task<bool> MarkFailedAsync(Guid id, int attempts, string error);

    /// <summary>The message will not be sent because its recipient unsubscribed after it was queued.</summary>
    Task<bool> MarkSkippedAsync(Guid id);

    /// <summary>Records what the provider reported last (delivered, bounced, complained).</summary>
    Task SetDeliveryStatusAsync(Guid id, string status);
}
