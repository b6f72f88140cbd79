namespace Runnel.Core.Net;

/// <summary>
/// Private webhook targets an operator allows by name (<c>RUNNEL_WEBHOOK_ALLOW_HOSTS</c>, comma-separated
/// <c>host:port</c>, API.md §14), normalised to lower case. Empty by default: only public targets.
/// </summary>
public sealed record WebhookAllowList(IReadOnlySet<string> Hosts)
{
    public static WebhookAllowList None { get; } = new(new HashSet<string>());

    public static WebhookAllowList Parse(string? commaSeparated) => new(
        (commaSeparated ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(h => h.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal));

    /// <summary>True when the operator allowed this exact host and port.</summary>
    public bool Allows(string host, int port) => Hosts.Contains(PublicUrl.HostKey(host, port));
}
