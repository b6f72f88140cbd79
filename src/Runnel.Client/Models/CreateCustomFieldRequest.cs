namespace Runnel.Client;

/// <summary>A new custom field.</summary>
public sealed class CreateCustomFieldRequest
{
    /// <summary><c>^[a-z][a-z0-9_]{0,62}$</c>, unique.</summary>
    public string ApiName { get; set; } = "";

    /// <summary>The label.</summary>
    public string Label { get; set; } = "";

    /// <summary>One of <see cref="CustomFieldTypes"/>.</summary>
    public string Type { get; set; } = "";
}
