using System.Text.Json.Nodes;

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

/// <summary>One input of a form: <c>email</c>, <c>text</c>, <c>phone</c> or <c>checkbox</c>.</summary>
public sealed record FormField(string Name, string Type, bool Required);

/// <summary>One accepted submission: the values as submitted, for the record.</summary>
public sealed record FormSubmission(
    Guid Id,
    Guid WorkspaceId,
    Guid FormId,
    Guid ContactId,
    Guid? PageId,
    JsonObject Data,
    DateTimeOffset SubmittedAt);
