namespace Runnel.Core.Pages;

/// <summary>
/// A hosted page (API.md §13), shared or made for one member by a create_page step. <see cref="Html"/> is Liquid for
/// a shared page, rendered on each view; a member's page holds the HTML rendered when the step ran. A member's page
/// expires at <see cref="ExpiresAt"/>.
/// </summary>
public sealed record LandingPage(
    Guid Id,
    Guid WorkspaceId,
    string Name,
    string Alias,
    string Html,
    Guid? TemplateId,
    Guid? FormId,
    bool Published,
    Guid? MemberId,
    Guid? ContactId,
    DateTimeOffset? ExpiresAt,
    long Views,
    long Submissions,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public const int MaxNameLength = 200;

    /// <summary>True when the page is served at <c>/p/{alias}</c> at <paramref name="now"/>.</summary>
    public bool IsLive(DateTimeOffset now) => Published && (ExpiresAt is not { } expires || now < expires);
}
