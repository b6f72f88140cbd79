namespace Runnel.Client;

/// <summary>An API key; <see cref="Key"/> only in the answer that created it.</summary>
public sealed class ApiKey
{
    /// <summary>The key's id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The name.</summary>
    public string Name { get; set; } = "";

    /// <summary>One of <see cref="ApiKeyKinds"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Its scopes: see <see cref="ApiScopes"/>.</summary>
    public IReadOnlyList<string> Scopes { get; set; } = [];

    /// <summary>A public key's CORS origins.</summary>
    public IReadOnlyList<string>? AllowedOrigins { get; set; }

    /// <summary>The full key, shown once at creation.</summary>
    public string? Key { get; set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
