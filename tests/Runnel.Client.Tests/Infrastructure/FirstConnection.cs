using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Runnel.Client.Tests.Infrastructure;
/// <summary>What the proxy does to the first connection it accepts; every later one is piped through untouched.</summary>
public enum FirstConnection
{
    /// <summary>Forwards the request, waits until the server starts answering, then resets the client's socket.</summary>
    DropAfterForwarding,

    /// <summary>Answers 503 itself without forwarding.</summary>
    Answer503,
}
