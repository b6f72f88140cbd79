namespace Runnel.Client;

/// <summary>Values of <see cref="ApiKey.Kind"/>.</summary>
public static class ApiKeyKinds
{
    /// <summary><c>secret</c>: for servers (<c>rk_secret_…</c>), any scopes.</summary>
    public const string Secret = "secret";

    /// <summary><c>public</c>: for browsers (<c>rk_public_…</c>), only FLOW_TRIGGER and EVENTS_WRITE.</summary>
    public const string Public = "public";
}
