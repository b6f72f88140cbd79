using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Runnel.Server.Delivery;

/// <summary>
/// Connected, authenticated SMTP clients kept between sends, so a batch does not pay a TCP, TLS and AUTH handshake per
/// message. A client that failed is discarded, never returned.
/// </summary>
public sealed class SmtpConnectionPool(SmtpSettings settings, TimeProvider time) : IDisposable
{
    /// <summary>Connections used at once, and kept idle at most: enough to overlap network round trips.</summary>
    public const int Size = 4;

    // Servers drop idle sessions (often after 60 s or so); reusing one older than this risks a send on a dead socket.
    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(30);

    // Per command; a stalled server must not hold a sender forever.
    private const int CommandTimeoutMs = 60_000;

    private readonly ConcurrentBag<(SmtpClient Client, DateTimeOffset Since)> _idle = [];

    public async Task<SmtpClient> RentAsync(CancellationToken ct)
    {
        while (_idle.TryTake(out var entry))
        {
            if (entry.Client.IsConnected && time.GetUtcNow() - entry.Since < IdleLimit)
            {
                return entry.Client;
            }

            await CloseAsync(entry.Client);
        }

        var client = new SmtpClient { Timeout = CommandTimeoutMs };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port,
                settings.ImplicitTls ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable,
                ct);
            if (settings.UserName is { } user)
            {
                await client.AuthenticateAsync(user, settings.Password ?? "", ct);
            }

            return client;
        }
        catch (Exception)
        {
            client.Dispose();
            throw;
        }
    }

    public void Return(SmtpClient client)
    {
        if (client.IsConnected && _idle.Count < Size)
        {
            _idle.Add((client, time.GetUtcNow()));
        }
        else
        {
            client.Dispose();
        }
    }

    public static void Discard(SmtpClient client) => client.Dispose();

    public void Dispose()
    {
        while (_idle.TryTake(out var entry))
        {
            entry.Client.Dispose();
        }
    }

    private static async Task CloseAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(true);
            }
        }
        catch (Exception error) when (error is IOException or SmtpProtocolException or OperationCanceledException
                                          or System.Net.Sockets.SocketException)
        {
            // Closing a stale session is best effort: the connection is being thrown away either way.
        }
        finally
        {
            client.Dispose();
        }
    }
}
