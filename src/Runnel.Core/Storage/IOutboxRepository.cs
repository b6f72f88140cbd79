using Runnel.Core.Runtime;

namespace Runnel.Core.Storage;

public interface IOutboxRepository
{
    /// <summary>Stores a message; a second message with the same idempotency key is ignored (returns false).</summary>
    bool Insert(Guid workspaceId, OutboundMessage message, string status, DateTimeOffset now, DateTimeOffset? sentAt);

    Page<OutboxRecord> List(Guid workspaceId, string? to, PageRequest page);
}
