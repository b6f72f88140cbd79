namespace Runnel.Client;

/// <summary>A new page.</summary>
public sealed class CreatePageRequest
{
    /// <summary>The name.</summary>
    public string Name { get; set; } = "";

    /// <summary><c>^[a-z0-9][a-z0-9-]{0,62}$</c>, unique on the server.</summary>
    public string Alias { get; set; } = "";

    /// <summary>The Liquid HTML, or <see cref="TemplateId"/>.</summary>
    public string? Html { get; set; }

    /// <summary>A template to render.</summary>
    public string? TemplateId { get; set; }

    /// <summary>The form <c>{{form}}</c> renders.</summary>
    public string? FormId { get; set; }

    /// <summary>Whether it is served.</summary>
    public bool? Published { get; set; }
}
