namespace Runnel.Core.Emails;

/// <summary>
/// An email as it is being edited (API.md §7). <see cref="Subject"/>, <see cref="Preheader"/>, <see cref="Html"/> and
/// <see cref="Text"/> are Liquid. <see cref="ApprovedAt"/> is the last approval, kept while a newer draft is edited:
/// sends use that approved revision (<see cref="ApprovedEmail"/>) until the draft is approved.
/// </summary>
public sealed record Email(
    Guid Id,
    Guid WorkspaceId,
    string Name,
    string Subject,
    string? Preheader,
    string? FromName,
    string? FromEmail,
    string? ReplyTo,
    string? Html,
    string? Text,
    EmailStatus Status,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>True when anything that reaches a recipient differs; the name is only a label.</summary>
    public bool ContentDiffers(Email other) =>
        Subject != other.Subject || Preheader != other.Preheader || FromName != other.FromName
        || FromEmail != other.FromEmail || ReplyTo != other.ReplyTo || Html != other.Html || Text != other.Text;
}
