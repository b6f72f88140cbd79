namespace Runnel.Core.Delivery;

/// <summary>
/// One delivery report from an email provider, in the server's own terms: <see cref="Type"/> is
/// <c>delivered</c>, <c>bounced</c> or <c>complained</c>; <see cref="BounceType"/> <c>hard</c> or <c>soft</c>. The
/// message is named by its Message-ID or by its outbox ID.
/// </summary>
public sealed record ProviderEmailEvent(string Type, string? BounceType, string? MessageId, Guid? OutboxId,
    string? Description);
