using Runnel.Core.Templates;

namespace Runnel.Core.Emails;

/// <summary>
/// An approved revision: exactly what sends use until the email is approved again. The sender is resolved at
/// approval (the email's own, else the workspace defaults then in force), so later settings changes do not alter
/// mail that was reviewed.
/// </summary>
public sealed record ApprovedEmail(
    Guid EmailId,
    Guid WorkspaceId,
    int Revision,
    string Subject,
    string? Preheader,
    string? FromName,
    string FromEmail,
    string? ReplyTo,
    string? Html,
    string? Text,
    DateTimeOffset ApprovedAt)
{
    /// <summary>The Liquid sources, for <see cref="TemplateRenderer.RenderEmail"/>.</summary>
    public EmailContent Content => new(Subject, Preheader, Html, Text);
}
