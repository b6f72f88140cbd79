namespace Runnel.Client;

/// <summary>A new API key.</summary>
public sealed class CreateApiKeyRequest
{
    /// <summary>The name.</summary>
    public string Name { get; set; } = "";

    /// <summary>One of <see cref="ApiKeyKinds"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Its scopes: see <see cref="ApiScopes"/>.</summary>
    public IList<string> Scopes { get; set; } = [];

    /// <summary>A public key's CORS origins.</summary>
    public IList<string>? AllowedOrigins { get; set; }
}
