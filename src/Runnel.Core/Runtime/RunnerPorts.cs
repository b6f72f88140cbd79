namespace Runnel.Core.Runtime;

/// <summary>Builds the signed links that go into messages.</summary>
public interface ILinkBuilder
{
    /// <summary>The one-click unsubscribe URL for a contact, or null when no public URL is configured.</summary>
    string? UnsubscribeUrl(Guid workspaceId, Guid contactId, Guid memberId);
}
