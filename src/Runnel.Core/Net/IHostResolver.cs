using System.Net;

namespace Runnel.Core.Net;

/// <summary>Resolves a host name to its addresses. A port so tests can map names without real DNS.</summary>
public interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
