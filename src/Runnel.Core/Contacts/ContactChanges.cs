using System.Text.Json.Nodes;
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
