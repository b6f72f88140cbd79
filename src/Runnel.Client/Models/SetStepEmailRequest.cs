namespace Runnel.Client;

/// <summary>Where a <c>send_email</c> step's email comes from.</summary>
public sealed class SetStepEmailRequest
{
    /// <summary>One of <see cref="EmailSources"/>.</summary>
    public string Source { get; set; } = "";

    /// <summary>With <see cref="EmailSources.Existing"/>: the email.</summary>
    public string? EmailId { get; set; }

    /// <summary>With <see cref="EmailSources.Template"/>: the template.</summary>
    public string? TemplateId { get; set; }

    /// <summary>The subject of a new inline email.</summary>
    public string? Subject { get; set; }

    /// <summary>With <see cref="EmailSources.Html"/>: the HTML of a new inline email.</summary>
    public string? Html { get; set; }
}
