using System.Net;
using System.Net.Sockets;
using Runnel.Core.Net;

namespace Runnel.Server.Engine.Webhooks;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of webhook connections: it never lets the HTTP stack resolve
/// or dial on its own. The <see cref="SsrfGuard"/> resolves the host and vets every answer; only a vetted address is
/// dialled. <paramref name="dial"/> is the socket connect, replaceable so tests can prove nothing was dialled.
/// </summary>
public sealed class GuardedConnector(SsrfGuard guard, Func<IPEndPoint, CancellationToken, ValueTask<Stream>>? dial = null)
{
    private readonly Func<IPEndPoint, CancellationToken, ValueTask<Stream>> _dial = dial ?? DialAsync;

    /// <summary>A handler that connects only through this connector, follows no redirects and uses no proxy.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        ConnectCallback = ConnectAsync,
        AllowAutoRedirect = false,
        // A proxy would dial the target for us, out of the guard's sight.
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        // Pooled connections keep the address vetted when they opened; a short life makes renamed hosts re-vetted.
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    };

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var target = context.DnsEndPoint;
        var addresses = await guard.VetAsync(target.Host, target.Port, ct);
        Exception? last = null;
        foreach (var address in addresses)
        {
            try
            {
                return await _dial(new IPEndPoint(address, target.Port), ct);
            }
            catch (SocketException error)
            {
                last = error;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private static async ValueTask<Stream> DialAsync(IPEndPoint endpoint, CancellationToken ct)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (Exception)
        {
            socket.Dispose();
            throw;
        }
    }
}
