namespace Runnel.Client;

/// <summary>
/// No answer came within <see cref="RunnelClientOptions.Timeout"/>, on the last of the call's attempts. A POST that
/// timed out may still have taken effect; calling again with the same idempotency key
/// (<see cref="RequestOptions.IdempotencyKey"/>) never repeats it.
/// </summary>
public sealed class RunnelTimeoutException : RunnelException
{
    /// <summary>Creates the exception.</summary>
    public RunnelTimeoutException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
