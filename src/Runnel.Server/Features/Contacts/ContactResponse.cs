using System.Text.Json.Nodes;

namespace Runnel.Server.Features.Contacts;

/// <summary>The contact object of API.md §3, as every endpoint that returns contacts writes it.</summary>
public sealed record ContactResponse(
    Guid Id,
    string? Email,
    string? Phone,
    string? ExternalId,
    string? FirstName,
    string? LastName,
    string Timezone,
    string EmailSubscriptionStatus,
    string SmsSubscriptionStatus,
    DateTimeOffset? OptedInAt,
    JsonObject Fields,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
