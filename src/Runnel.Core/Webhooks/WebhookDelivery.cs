namespace Runnel.Core.Webhooks;

/// <summary>A stored webhook and where its delivery stands.</summary>
public sealed record WebhookDelivery(
    WebhookRequest Request,
    WebhookDeliveryStatus Status,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);
