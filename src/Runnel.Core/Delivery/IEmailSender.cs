using Runnel.Core.Members;

namespace Runnel.Core.Delivery;

/// <summary>
/// Hands one outbox email to the mail server (SMTP in the host); the <see cref="EmailDeliveryPump"/> decides what the
/// outcome means for the row and the member.
/// </summary>
public interface IEmailSender
{
    /// <summary>How many sends may run at once, e.g. the size of the sender's connection pool.</summary>
    int Concurrency { get; }

    /// <summary>Sends <paramref name="message"/>: accepted, worth retrying, or refused for good, with the reason.</summary>
    Task<(SendOutcome Outcome, string? Error)> SendAsync(OutboundMessage message, CancellationToken ct);
}
