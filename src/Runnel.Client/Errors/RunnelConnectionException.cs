namespace Runnel.Client;

/// <summary>
/// No answer came from the server: the connection was refused, reset or dropped, or the name did not resolve. The
/// SDK already retried the call (<see cref="RunnelClientOptions.MaxRetries"/>); the inner exception is the last
/// <see cref="HttpRequestException"/>.
/// </summary>
public sealed class RunnelConnectionException : RunnelException
{
    /// <summary>Creates the exception.</summary>
    public RunnelConnectionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
