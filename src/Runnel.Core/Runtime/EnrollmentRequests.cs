using System.Text.Json.Nodes;
using Runnel.Core.Contacts;

namespace Runnel.Core.Runtime;

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

/// <summary>The body of <c>POST /v1/flows/{id}/contacts/{contact_id}</c>.</summary>
public sealed record EnrollContactRequest
{
    public JsonObject? DynamicContext { get; init; }
}

/// <summary>What a trigger call did: <c>started</c>, <c>already_running</c> or <c>skipped</c> (with a reason).</summary>
public sealed record TriggerOutcome(
    Guid? MemberId,
    string Status,
    string? Reason,
    Guid FlowId,
    string FlowName,
    Guid ContactId);
