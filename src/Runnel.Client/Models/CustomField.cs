namespace Runnel.Client;

/// <summary>A custom contact field definition.</summary>
public sealed class CustomField
{
    /// <summary>The name fields and rules use.</summary>
    public string ApiName { get; set; } = "";

    /// <summary>The label.</summary>
    public string Label { get; set; } = "";

    /// <summary>One of <see cref="CustomFieldTypes"/>.</summary>
    public string Type { get; set; } = "";

    /// <summary>One of <see cref="CustomFieldStatuses"/>.</summary>
    public string Status { get; set; } = "";

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
