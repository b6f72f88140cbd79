namespace Runnel.Client;

/// <summary>A rendered email.</summary>
public sealed class EmailPreview
{
    /// <summary>The rendered subject.</summary>
    public string Subject { get; set; } = "";

    /// <summary>The rendered HTML.</summary>
    public string? Html { get; set; }

    /// <summary>The rendered text.</summary>
    public string? Text { get; set; }
}
