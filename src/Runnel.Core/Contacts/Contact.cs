using System.Text.Json.Nodes;

namespace Runnel.Core.Contacts;

/// <summary>A person in a workspace (API.md §3). <see cref="Fields"/> holds custom field values by api_name.</summary>
public sealed record Contact(
    Guid Id,
    Guid WorkspaceId,
    string? Email,
    string? Phone,
    string? ExternalId,
    string? FirstName,
    string? LastName,
    string Timezone,
    SubscriptionStatus EmailSubscriptionStatus,
    SubscriptionStatus SmsSubscriptionStatus,
    DateTimeOffset? OptedInAt,
    JsonObject Fields,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
