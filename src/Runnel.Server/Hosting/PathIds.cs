using Runnel.Core;
using Runnel.Core.Errors;

namespace Runnel.Server.Hosting;

/// <summary>Resource IDs from the path. One that is not a UUID names no resource: 404, as for a missing one.</summary>
public static class PathIds
{
    public static Guid Parse(string value, ErrorCode notFound) =>
        Ids.TryParse(value, out var parsed) ? parsed : throw RunnelException.NotFound(notFound);
}
