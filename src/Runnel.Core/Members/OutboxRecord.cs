namespace Runnel.Core.Members;

/// <summary>A stored outbox message, as <c>GET /v1/dev/outbox</c> lists it.</summary>
public sealed record OutboxRecord(
    Guid Id,
    string Channel,
    string To,
    string? Subject,
    string? Html,
    string? Text,
    IReadOnlyDictionary<string, string> Headers,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    Guid? MemberId,
    string? StepId,
    SmsDetails? Sms = null,
    string? Status = null,
    string? ProviderMessageId = null,
    string? DeliveryStatus = null);
