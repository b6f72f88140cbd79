namespace Runnel.Client;

/// <summary>A hosted landing page (API.md §13).</summary>
public sealed class Page
{
    /// <summary>The page's id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The alias it is served at, <c>/p/{alias}</c>.</summary>
    public string Alias { get; set; } = "";

    /// <summary>Its public URL.</summary>
    public string? Url { get; set; }

    /// <summary>The Liquid HTML.</summary>
    public string? Html { get; set; }

    /// <summary>The template it renders.</summary>
    public string? TemplateId { get; set; }

    /// <summary>The form <c>{{form}}</c> renders.</summary>
    public string? FormId { get; set; }

    /// <summary>Whether it is served.</summary>
    public bool Published { get; set; }

    /// <summary>The member a per-member page belongs to.</summary>
    public string? MemberId { get; set; }

    /// <summary>How many times it was viewed.</summary>
    public long Views { get; set; }

    /// <summary>How many times its form was submitted.</summary>
    public long Submissions { get; set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
