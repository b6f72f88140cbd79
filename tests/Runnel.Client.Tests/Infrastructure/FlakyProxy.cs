using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Runnel.Client.Tests.Infrastructure;

/// <summary>
/// A loopback TCP proxy in front of a real server, to show what the SDK does when the network fails: the first
/// connection is sabotaged (see <see cref="FirstConnection"/>), the rest are forwarded byte for byte.
/// </summary>
public sealed class FlakyProxy(int upstreamPort, FirstConnection mode) : LoopbackTcpServer
{
    /// <summary>The head (request line and headers) of the sabotaged first request, once it arrived.</summary>
    public string? FirstRequestHead { get; private set; }

    /// <summary>The Idempotency-Key header of the sabotaged first request.</summary>
    public string? FirstIdempotencyKey => FirstRequestHead?.Split("\r\n")
        .FirstOrDefault(l => l.StartsWith("Idempotency-Key:", StringComparison.OrdinalIgnoreCase))?["Idempotency-Key:".Length..]
        .Trim();

    protected override Task HandleAsync(TcpClient client, int number) =>
        number == 1 ? SabotageAsync(client) : PipeAsync(client);

    private async Task SabotageAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var request = await ReadRequestAsync(stream);
            FirstRequestHead = Encoding.ASCII.GetString(request).Split("\r\n\r\n")[0];
            if (mode == FirstConnection.Answer503)
            {
                await stream.WriteAsync("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
                return;
            }

            using var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, upstreamPort);
            var up = upstream.GetStream();
            await up.WriteAsync(request);
            // The first byte of the answer means the server has done the work; the client must never see it.
            var buffer = new byte[1];
            _ = await up.ReadAsync(buffer);
            client.Client.LingerState = new LingerOption(true, 0);
            client.Client.Close();
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            await upstream.ConnectAsync(IPAddress.Loopback, upstreamPort);
            var a = client.GetStream();
            var b = upstream.GetStream();
            try
            {
                await Task.WhenAny(a.CopyToAsync(b, Stopping.Token), b.CopyToAsync(a, Stopping.Token));
            }
            catch (IOException)
            {
                // One side hung up.
            }
        }
    }

    /// <summary>Reads one HTTP/1.1 request: its head up to the blank line, then Content-Length bytes of body.</summary>
    private static async Task<byte[]> ReadRequestAsync(NetworkStream stream)
    {
        var data = new List<byte>();
        var buffer = new byte[4096];
        int headEnd;
        while ((headEnd = IndexOfBlankLine(data)) < 0)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                throw new IOException("The client closed before sending a whole request head.");
            }

            data.AddRange(buffer.AsSpan(0, read));
        }

        var head = Encoding.ASCII.GetString([.. data.Take(headEnd)]);
        var lengthLine = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
        while (data.Count < headEnd + 4 + length)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                throw new IOException("The client closed before sending the whole body.");
            }

            data.AddRange(buffer.AsSpan(0, read));
        }

        return [.. data];
    }

    private static int IndexOfBlankLine(List<byte> data)
    {
        for (var i = 0; i + 3 < data.Count; i++)
        {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
