namespace Runnel.Core.Contacts;

/// <summary>
/// A custom contact field definition (API.md §3): values in <see cref="Contact.Fields"/> follow its type.
/// </summary>
public sealed record CustomField(
    Guid WorkspaceId,
    string ApiName,
    string Label,
    CustomFieldType Type,
    CustomFieldStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
