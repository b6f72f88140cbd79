using System.Net;

namespace Runnel.Core.Net;

/// <summary>
/// Decides which addresses a webhook connection may dial (API.md §14). It runs at connect time on the host the HTTP
/// stack is about to dial, resolves the name itself and returns only vetted addresses, so a DNS answer cannot change
/// between the check and the connect. One non-public answer blocks the name: a resolver that mixes public and private
/// answers is exactly how rebinding attacks pick their moment.
/// </summary>
public sealed class SsrfGuard(IHostResolver resolver, WebhookAllowList allowList)
{
    /// <summary>The addresses to dial for <paramref name="host"/>:<paramref name="port"/>, or throws when blocked.</summary>
    /// <exception cref="WebhookTargetBlockedException">The target is not public and not allowed by name.</exception>
    public async Task<IReadOnlyList<IPAddress>> VetAsync(string host, int port, CancellationToken cancellationToken)
    {
        var name = PublicUrl.NormalizeHost(host);
        var allowed = allowList.Allows(name, port);
        if (!allowed && PublicUrl.IsLocalName(name))
        {
            throw new WebhookTargetBlockedException($"{name} is not a public host");
        }

        var addresses = PublicUrl.ParseLiteral(name) is { } literal
            ? [literal]
            : await resolver.ResolveAsync(name, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new WebhookTargetBlockedException($"{name} resolves to no address");
        }

        if (!allowed && addresses.FirstOrDefault(a => !PublicUrl.IsPublic(a)) is { } refused)
        {
            throw new WebhookTargetBlockedException($"{name} resolves to {refused}, which is not a public address");
        }

        return addresses;
    }
}
