namespace Runnel.Core.Webhooks;

/// <summary>Sends one attempt of a webhook over the network; the engine decides what the answer means.</summary>
public interface IWebhookSender
{
    /// <param name="delivery">The delivery to send (its body, target and auth).</param>
    /// <param name="signingSecrets">The workspace's signing secrets in force, current first; each signs once.</param>
    /// <param name="jwtSecret">The plaintext secret named by <c>secret_ref</c>, when the step signs a JWT.</param>
    /// <param name="cancellationToken">Stops the attempt.</param>
    Task<WebhookAttempt> SendAsync(WebhookDelivery delivery, IReadOnlyList<byte[]> signingSecrets, string? jwtSecret,
        CancellationToken cancellationToken);
}
