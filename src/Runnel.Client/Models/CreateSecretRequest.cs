namespace Runnel.Client;

/// <summary>A secret to set; an existing name is replaced.</summary>
public sealed class CreateSecretRequest
{
    /// <summary><c>^[a-z][a-z0-9_]{0,62}$</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The value, stored encrypted.</summary>
    public string Value { get; set; } = "";
}
