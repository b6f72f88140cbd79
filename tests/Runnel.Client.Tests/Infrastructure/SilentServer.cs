using System.Net.Sockets;

namespace Runnel.Client.Tests.Infrastructure;

/// <summary>Accepts connections, reads nothing and never answers: a hung server.</summary>
public sealed class SilentServer : LoopbackTcpServer
{
    private readonly List<TcpClient> _clients = [];

    protected override Task HandleAsync(TcpClient client, int number)
    {
        lock (_clients)
        {
            _clients.Add(client);
        }

        return Task.CompletedTask;
    }

    protected override ValueTask StopServingAsync()
    {
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        return ValueTask.CompletedTask;
    }
}
