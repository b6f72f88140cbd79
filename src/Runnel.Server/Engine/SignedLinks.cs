using Runnel.Core.Interpreter;
using Runnel.Core.Security;
using Runnel.Server.Hosting;

namespace Runnel.Server.Engine;

/// <summary>
/// Links put into messages, under the public URL, carrying tokens signed by <see cref="LinkSigner"/>. The payload
/// says what the link is for (<c>u|workspace|contact|member</c>, <c>o|workspace|message</c>,
/// <c>c|workspace|message|url</c>), so a token of one kind never works as another.
/// </summary>
public sealed class SignedLinks(RunnelOptions options, LinkSigner signer) : ILinkBuilder
{
    private readonly string _base = options.PublicUrl;

    public string? UnsubscribeMailbox => options.UnsubscribeMailbox;

    public string UnsubscribeUrl(Guid workspaceId, Guid contactId, Guid memberId) =>
        $"{_base}/u/{signer.Sign($"u|{workspaceId:D}|{contactId:D}|{memberId:D}")}";

    public bool IsUnsubscribeUrl(string url) => url.StartsWith($"{_base}/u/", StringComparison.OrdinalIgnoreCase);

    public string PageUrl(string alias) => $"{_base}/p/{alias}";

    public string OpenUrl(Guid workspaceId, Guid messageId) =>
        $"{_base}/t/o/{signer.Sign($"o|{workspaceId:D}|{messageId:D}")}";

    public string ClickUrl(Guid workspaceId, Guid messageId, string url) =>
        $"{_base}/t/c/{signer.Sign($"c|{workspaceId:D}|{messageId:D}|{url}")}";

    /// <summary>The workspace and contact of a valid unsubscribe token.</summary>
    public bool TryReadUnsubscribe(string token, out Guid workspaceId, out Guid contactId)
    {
        var parts = Read(token, "u", 4);
        workspaceId = contactId = Guid.Empty;
        return parts is not null && Guid.TryParse(parts[1], out workspaceId) && Guid.TryParse(parts[2], out contactId);
    }

    /// <summary>The workspace and message of a valid open-pixel token.</summary>
    public bool TryReadOpen(string token, out Guid workspaceId, out Guid messageId)
    {
        var parts = Read(token, "o", 3);
        workspaceId = messageId = Guid.Empty;
        return parts is not null && Guid.TryParse(parts[1], out workspaceId) && Guid.TryParse(parts[2], out messageId);
    }

    /// <summary>The workspace, message and target URL of a valid click token.</summary>
    public bool TryReadClick(string token, out Guid workspaceId, out Guid messageId, out string url)
    {
        var parts = Read(token, "c", 4);
        workspaceId = messageId = Guid.Empty;
        url = parts?[3] ?? "";
        return parts is not null && Guid.TryParse(parts[1], out workspaceId) && Guid.TryParse(parts[2], out messageId)
            && Uri.TryCreate(url, UriKind.Absolute, out var target)
            && (target.Scheme == Uri.UriSchemeHttp || target.Scheme == Uri.UriSchemeHttps);
    }

    private string[]? Read(string token, string kind, int count)
    {
        // The URL is last and may itself contain '|': split only as far as the fixed fields go.
        var parts = signer.Verify(token)?.Split('|', count);
        return parts is not null && parts.Length == count && parts[0] == kind ? parts : null;
    }
}
