using Runnel.Core.Members;
using Runnel.Core.Storage;

namespace Runnel.Core.Services;

/// <summary>The local outbox of test mode (API.md §14): what was sent, or kept when no SMTP server is set.</summary>
public sealed class OutboxService(IRunnelStore store)
{
    /// <summary>Messages of the workspace, newest first; <paramref name="to"/> filters by recipient, any case.</summary>
    public Task<Page<OutboxRecord>> ListAsync(Guid workspaceId, string? to, PageRequest page, CancellationToken ct)
    {
        var normalized = string.IsNullOrWhiteSpace(to) ? null : to.Trim().ToLowerInvariant();
        return store.ReadAsync(s => s.Outbox.List(workspaceId, normalized, page), ct);
    }
}
