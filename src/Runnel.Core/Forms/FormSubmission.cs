using System.Text.Json.Nodes;

namespace Runnel.Core.Forms;
/// <summary>One accepted submission: the values as submitted, for the record.</summary>
public sealed record FormSubmission(
    Guid Id,
    Guid WorkspaceId,
    Guid FormId,
    Guid ContactId,
    Guid? PageId,
    JsonObject Data,
    DateTimeOffset SubmittedAt);
