namespace Runnel.Client;

/// <summary>Values of <see cref="SetStepEmailRequest.Source"/>.</summary>
public static class EmailSources
{
    /// <summary><c>existing</c>: an existing email.</summary>
    public const string Existing = "existing";

    /// <summary><c>template</c>: a new draft from a template.</summary>
    public const string Template = "template";

    /// <summary><c>html</c>: a new draft from HTML.</summary>
    public const string Html = "html";

    /// <summary><c>blank</c>: a new blank draft.</summary>
    public const string Blank = "blank";
}
