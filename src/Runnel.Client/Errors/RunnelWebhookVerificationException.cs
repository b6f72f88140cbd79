namespace Runnel.Client;

/// <summary>
/// A webhook did not pass <see cref="RunnelWebhook.Verify(string, IEnumerable{KeyValuePair{string, string}}, string, TimeProvider?)"/>:
/// a header is missing, the timestamp is outside the tolerance, no signature matches, or the body is not JSON.
/// Answer such a request with 400 or 401 and do not act on it.
/// </summary>
public sealed class RunnelWebhookVerificationException : RunnelException
{
    /// <summary>Creates the exception.</summary>
    public RunnelWebhookVerificationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
