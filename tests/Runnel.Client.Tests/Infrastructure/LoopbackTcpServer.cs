using System.Net;
using System.Net.Sockets;

namespace Runnel.Client.Tests.Infrastructure;

/// <summary>A TCP server on a free loopback port that hands each accepted connection, numbered from 1, to a subclass.</summary>
public abstract class LoopbackTcpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _loop;
    private int _connections;

    protected LoopbackTcpServer()
    {
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>How many connections were accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    protected CancellationTokenSource Stopping { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await Stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped while accepting.
        }
        catch (SocketException)
        {
            // Stopped while accepting, reported by the socket.
        }

        await StopServingAsync();
        Stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Serves one connection; runs on its own task.</summary>
    protected abstract Task HandleAsync(TcpClient client, int number);

    protected virtual ValueTask StopServingAsync() => ValueTask.CompletedTask;

    private async Task LoopAsync()
    {
        while (!Stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(Stopping.Token);
            var number = Interlocked.Increment(ref _connections);
            _ = Task.Run(() => HandleAsync(client, number));
        }
    }
}
