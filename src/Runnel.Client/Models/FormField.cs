namespace Runnel.Client;

/// <summary>A field of a form.</summary>
public sealed class FormField
{
    /// <summary>The field's name.</summary>
    public string Name { get; set; } = "";

    /// <summary><c>email</c>, <c>text</c>, <c>phone</c> or <c>checkbox</c>.</summary>
    public string Type { get; set; } = "";

    /// <summary>Whether it must be filled.</summary>
    public bool Required { get; set; }
}
