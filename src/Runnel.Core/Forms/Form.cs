namespace Runnel.Core.Forms;

/// <summary>A hosted signup form (API.md §9).</summary>
public sealed record Form(
    Guid Id,
    Guid WorkspaceId,
    string Name,
    IReadOnlyList<FormField> Fields,
    Guid? ListId,
    string? RedirectUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
