namespace Runnel.Client;

/// <summary>
/// The base of every exception the SDK throws for a failed call: <see cref="RunnelApiException"/> (the server
/// answered with an error), <see cref="RunnelConnectionException"/> (no answer), <see cref="RunnelTimeoutException"/>
/// (no answer in time) and <see cref="RunnelWebhookVerificationException"/>. A call cancelled through its
/// <see cref="CancellationToken"/> throws <see cref="OperationCanceledException"/> as usual.
/// </summary>
public abstract class RunnelException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected RunnelException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
