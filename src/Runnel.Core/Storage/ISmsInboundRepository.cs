using Runnel.Core.Delivery;

namespace Runnel.Core.Storage;

/// <summary>Inbound SMS already handled, by the provider's message id: a repeated webhook is recognised and ignored.</summary>
public interface ISmsInboundRepository
{
    /// <summary>How the message with this provider id was routed, or null when it was never handled.</summary>
    Task<InboundSmsRecord?> FindAsync(Guid workspaceId, string providerMessageId);

    /// <summary>Records a handled message; false when one with the same provider id is already recorded.</summary>
    Task<bool> InsertAsync(InboundSmsRecord record);

    /// <summary>The contact's inbound messages, newest first (erasure removes them with the contact).</summary>
    Task<IReadOnlyList<InboundSmsRecord>> ListForContactAsync(Guid workspaceId, Guid contactId, int limit);

    /// <summary>Removes the contact's inbound messages (erasure).</summary>
    Task<int> DeleteForContactAsync(Guid workspaceId, Guid contactId);
}
