namespace Runnel.Core.Interpreter;

/// <summary>Builds the signed links that go into messages.</summary>
public interface ILinkBuilder
{
    /// <summary>The one-click unsubscribe URL for a contact, reached from a membership.</summary>
    string UnsubscribeUrl(Guid workspaceId, Guid contactId, Guid memberId);

    /// <summary>The address of the List-Unsubscribe mailto, or null to use the message's sender address.</summary>
    string? UnsubscribeMailbox { get; }

    /// <summary>True for an unsubscribe URL of this server: such links are never rewritten for click tracking.</summary>
    bool IsUnsubscribeUrl(string url);

    /// <summary>The open-tracking pixel URL of one message.</summary>
    string OpenUrl(Guid workspaceId, Guid messageId);

    /// <summary>The public address of a hosted page, <c>/p/{alias}</c> under the server's public URL.</summary>
    string PageUrl(string alias);

    /// <summary>The click redirect for one link of one message; it redirects only to <paramref name="url"/>.</summary>
    string ClickUrl(Guid workspaceId, Guid messageId, string url);
}
