using Runnel.Core.Errors;
using Runnel.Core.Members;
using Runnel.Core.Storage;

namespace Runnel.Core.Services;

/// <summary>The local outbox of test mode (API.md §11, §14): what was sent, or kept when no channel is configured.</summary>
public sealed class OutboxService(IRunnelStore store)
{
    /// <summary>
    /// Messages of the workspace, newest first; <paramref name="to"/> filters by recipient, any case (a phone number
    /// in any spelling that normalises to the same E.164); <paramref name="channel"/> by <c>email</c> or <c>sms</c>.
    /// </summary>
    public Task<Page<OutboxRecord>> ListAsync(Guid workspaceId, string? to, PageRequest page, CancellationToken ct,
        string? channel = null)
    {
        var normalized = string.IsNullOrWhiteSpace(to) ? null : to.Trim().ToLowerInvariant();
        if (normalized is not null && !normalized.Contains('@', StringComparison.Ordinal))
        {
            // An unescaped '+' in a query string arrives as a space, trimmed above: put it back before normalising.
            var phone = char.IsAsciiDigit(normalized[0]) ? "+" + normalized : normalized;
            if (Contacts.PhoneNumber.TryNormalize(phone, out var e164))
            {
                normalized = e164;
            }
        }

        var kind = string.IsNullOrEmpty(channel) ? null : channel;
        if (kind is not (null or OutboundMessage.EmailChannel or OutboundMessage.SmsChannel))
        {
            throw RunnelException.Invalid("channel", "must be email or sms");
        }

        return store.ReadAsync(s => s.Outbox.ListAsync(workspaceId, normalized, page, kind), ct);
    }
}
