using System.Text.Json.Nodes;
using Runnel.Core.Contacts;

namespace Runnel.Core.Members;

/// <summary>
/// The body of <c>POST /v1/flows/{id}/trigger</c>: one identity (<c>contact_id</c>, <c>email</c>, <c>phone</c> or
/// <c>external_id</c>), optional contact attributes to upsert, and the trigger context.
/// </summary>
public sealed record TriggerFlowRequest
{
    public string? ContactId { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? ExternalId { get; init; }

    /// <summary>Attributes for the contact (first_name, fields …), applied as an upsert.</summary>
    public ContactChanges? Contact { get; init; }

    public JsonObject? Context { get; init; }
}
