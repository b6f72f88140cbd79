namespace Runnel.Client;

/// <summary>A workspace secret; its value is never returned.</summary>
public sealed class Secret
{
    /// <summary>The name.</summary>
    public string Name { get; set; } = "";

    /// <summary>When it was set.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
