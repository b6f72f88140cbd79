namespace Runnel.Client;

/// <summary>Changes to a custom field.</summary>
public sealed class UpdateCustomFieldRequest
{
    /// <summary>The label.</summary>
    public string? Label { get; set; }

    /// <summary>One of <see cref="CustomFieldStatuses"/>.</summary>
    public string? Status { get; set; }
}
