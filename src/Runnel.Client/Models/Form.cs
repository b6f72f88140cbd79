namespace Runnel.Client;

/// <summary>A form (API.md §9).</summary>
public sealed class Form
{
    /// <summary>The form's id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Its fields.</summary>
    public IReadOnlyList<FormField> Fields { get; set; } = [];

    /// <summary>The list submitters are added to.</summary>
    public string? ListId { get; set; }

    /// <summary>Where a browser goes after submitting.</summary>
    public string? RedirectUrl { get; set; }

    /// <summary>The public path the form posts to.</summary>
    public string? SubmitPath { get; set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
