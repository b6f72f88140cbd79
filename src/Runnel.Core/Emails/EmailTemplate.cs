namespace Runnel.Core.Emails;

/// <summary>
/// A reusable starting point for emails (API.md §7, <c>/v1/templates</c>). An email created from one gets a copy of
/// its html and text; later changes to the template do not reach it.
/// </summary>
public sealed record EmailTemplate(
    Guid Id,
    Guid WorkspaceId,
    string Name,
    string Html,
    string? Text,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
