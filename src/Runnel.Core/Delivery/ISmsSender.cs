using Runnel.Core.Members;

namespace Runnel.Core.Delivery;

/// <summary>
/// Hands one outbox SMS to the provider (Twilio's REST API or the generic signed-JSON provider, in the host); the
/// <see cref="Engine.SmsDeliveryPump"/> decides what the outcome means for the row, the member and the contact.
/// </summary>
public interface ISmsSender
{
    /// <summary>How many sends may run at once.</summary>
    int Concurrency { get; }

    /// <summary>
    /// Sends <paramref name="message"/> (its <c>Sms</c> is set). <paramref name="signingSecrets"/> are the
    /// workspace's webhook signing secrets in force, for providers that take signed requests.
    /// </summary>
    Task<SmsSendResult> SendAsync(OutboundMessage message, IReadOnlyList<byte[]> signingSecrets, CancellationToken ct);
}
