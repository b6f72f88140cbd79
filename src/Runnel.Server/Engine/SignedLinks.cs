using Runnel.Core.Runtime;
using Runnel.Core.Security;
using Runnel.Server.Hosting;

namespace Runnel.Server.Engine;

/// <summary>Links put into messages, under RUNNEL_PUBLIC_URL, carrying signed tokens.</summary>
public sealed class SignedLinks(RunnelOptions options, LinkSigner signer) : ILinkBuilder
{
    public string? UnsubscribeUrl(Guid workspaceId, Guid contactId, Guid memberId) =>
        options.PublicUrl is { } baseUrl
            ? $"{baseUrl}/u/{signer.Sign($"u|{workspaceId:D}|{contactId:D}|{memberId:D}")}"
            : null;
}
