namespace Runnel.Client;

/// <summary>A new webhook signing secret, shown once.</summary>
public sealed class WebhookSigningSecret
{
    /// <summary>The secret, <c>whsec_…</c>.</summary>
    public string Secret { get; set; } = "";
}
