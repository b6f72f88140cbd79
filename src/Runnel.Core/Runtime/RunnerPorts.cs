using Runnel.Core.Storage;

namespace Runnel.Core.Runtime;

// What the runner asks of the parts around it: the approved revision of an email, and the links it puts in messages.

/// <summary>The approved revisions of emails, as sends use them.</summary>
public interface IEmailSource
{
    EmailToSend? GetApproved(IStoreSession session, Guid workspaceId, Guid emailId);
}

/// <summary>Builds the signed links that go into messages.</summary>
public interface ILinkBuilder
{
    /// <summary>The one-click unsubscribe URL for a contact, or null when no public URL is configured.</summary>
    string? UnsubscribeUrl(Guid workspaceId, Guid contactId, Guid memberId);
}
