using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Runnel.Core.Json;

namespace Runnel.Core.Contacts;

/// <summary>
/// The body of <c>PATCH /v1/contacts/{id}</c>, and the changeable part of an upsert. An absent member leaves the
/// value as it is; null clears a clearable one. <see cref="Fields"/> changes only the custom fields it names.
/// </summary>
public record ContactChanges
{
    public Optional<string?> Email { get; init; }

    public Optional<string?> Phone { get; init; }

    public Optional<string?> ExternalId { get; init; }

    public Optional<string?> FirstName { get; init; }

    public Optional<string?> LastName { get; init; }

    public Optional<string?> Timezone { get; init; }

    public Optional<string?> EmailSubscriptionStatus { get; init; }

    public Optional<string?> SmsSubscriptionStatus { get; init; }

    public Optional<DateTimeOffset?> OptedInAt { get; init; }

    public Optional<JsonObject?> Fields { get; init; }
}

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

/// <summary>
/// Filters of <c>GET /v1/contacts</c>; null means "not filtered". Values are normalised before storage sees them.
/// </summary>
public sealed record ContactQuery(string? Email, string? Phone, string? ExternalId, string? Search);
