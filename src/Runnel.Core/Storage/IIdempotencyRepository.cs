using Runnel.Core.Workspaces;

namespace Runnel.Core.Storage;

public interface IIdempotencyRepository
{
    /// <summary>
    /// Claims the key for a new request, or returns the live record already there. A claim made before
    /// <paramref name="abandonedBefore"/> that never completed (its process died), and any record made before
    /// <paramref name="expiredBefore"/>, is taken over.
    /// </summary>
    IdempotencyRecord? TryClaim(Guid workspaceId, string key, string requestHash, DateTimeOffset now,
        DateTimeOffset abandonedBefore, DateTimeOffset expiredBefore);

    void Complete(Guid workspaceId, string key, int statusCode, string? contentType, byte[] body, DateTimeOffset now);

    void Release(Guid workspaceId, string key);

    int DeleteExpired(DateTimeOffset createdBefore);
}
