namespace Runnel.Client;

/// <summary>Changes to a page.</summary>
public sealed class UpdatePageRequest
{
    /// <summary>The name.</summary>
    public string? Name { get; set; }

    /// <summary>The alias.</summary>
    public string? Alias { get; set; }

    /// <summary>The Liquid HTML.</summary>
    public string? Html { get; set; }

    /// <summary>A template to render.</summary>
    public string? TemplateId { get; set; }

    /// <summary>The form <c>{{form}}</c> renders.</summary>
    public string? FormId { get; set; }

    /// <summary>Whether it is served.</summary>
    public bool? Published { get; set; }
}
