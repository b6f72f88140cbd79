using System.Text.Json.Nodes;
using Runnel.Core.Json;

namespace Runnel.Core.Contacts;

/// <summary>A <see cref="ContactChanges"/> after format checks: values normalised, statuses parsed.</summary>
internal sealed record ContactChangeSet(
    Optional<string?> Email,
    Optional<string?> Phone,
    Optional<string?> ExternalId,
    Optional<string?> FirstName,
    Optional<string?> LastName,
    Optional<string> Timezone,
    Optional<SubscriptionStatus> EmailSubscriptionStatus,
    Optional<SubscriptionStatus> SmsSubscriptionStatus,
    Optional<DateTimeOffset?> OptedInAt,
    JsonObject? Fields);

/// <summary>
/// A checked upsert: the contact_id it names (<see cref="HasContactId"/> with a null <see cref="ContactId"/> when the
/// text is not a UUID, which names nothing), the changes, and the create-only defaults.
/// </summary>
internal sealed record ContactPlan(bool HasContactId, Guid? ContactId, ContactChangeSet Changes,
    ContactChangeSet? CreateDefaults);
