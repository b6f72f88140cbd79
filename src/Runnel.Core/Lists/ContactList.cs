using Runnel.Core.Rules;

namespace Runnel.Core.Lists;

/// <summary>
/// A list of contacts (API.md §4). Static lists hold members explicitly; dynamic lists hold <see cref="Rules"/>.
/// </summary>
public sealed record ContactList(
    Guid Id,
    Guid WorkspaceId,
    string Name,
    ListType Type,
    RuleNode? Rules,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
