using System.Text.Json.Serialization;

namespace Runnel.Core.Contacts;
/// <summary>
/// The body of <c>POST /v1/contacts</c>: identity (<c>contact_id</c>, then <c>external_id</c>, <c>email</c>,
/// <c>phone</c>; the first that matches wins) plus the changes to make.
/// </summary>
public sealed record ContactUpsert : ContactChanges
{
    public string? ContactId { get; init; }

    /// <summary>
    /// Values a caller inside the server (a flow trigger, a form) wants only when the upsert creates the contact,
    /// e.g. <c>sms_subscription_status: subscribed</c> for a contact first seen by phone. The request's own members
    /// win over these. Never read from JSON.
    /// </summary>
    [JsonIgnore]
    public ContactChanges? CreateDefaults { get; init; }
}
