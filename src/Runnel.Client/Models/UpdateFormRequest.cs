namespace Runnel.Client;

/// <summary>Changes to a form.</summary>
public sealed class UpdateFormRequest
{
    /// <summary>The name.</summary>
    public string? Name { get; set; }

    /// <summary>Replaces the fields.</summary>
    public IList<FormField>? Fields { get; set; }

    /// <summary>A static list to add submitters to.</summary>
    public string? ListId { get; set; }

    /// <summary>Where a browser goes after submitting.</summary>
    public string? RedirectUrl { get; set; }
}
