using Runnel.Core.Workspaces;

namespace Runnel.Core.Storage;

/// <summary>Idempotency records, keyed by the API key that made them and the client's key (docs/security.md).</summary>
public interface IIdempotencyRepository
{
    Task<IdempotencyRecord?> GetAsync(Guid apiKeyId, string key);

    /// <summary>The writes an earlier execution committed, in order.</summary>
    Task<IReadOnlyList<IdempotentWrite>> GetWritesAsync(Guid apiKeyId, string key);

    /// <summary>A new record claimed by <paramref name="token"/>, replacing an expired one and its writes.</summary>
    Task StartAsync(Guid apiKeyId, string key, Guid workspaceId, string requestHash, string token, string owner,
        DateTimeOffset leaseUntil, DateTimeOffset now);

    /// <summary>Claims a record whose execution died or gave up, keeping the writes it committed.</summary>
    Task TakeOverAsync(Guid apiKeyId, string key, string token, string owner, DateTimeOffset leaseUntil);

    /// <summary>
    /// Records write number <paramref name="seq"/> of the execution holding <paramref name="token"/> and renews its
    /// lease; false, writing nothing, when another execution took the record over.
    /// </summary>
    Task<bool> RecordWriteAsync(Guid apiKeyId, string key, string token, int seq, IdempotentWrite write,
        DateTimeOffset leaseUntil);

    /// <summary>Stores the answer and drops the recorded writes; false when the token no longer holds the record.</summary>
    Task<bool> CompleteAsync(Guid apiKeyId, string key, string token, int statusCode, string? contentType, byte[] body);

    /// <summary>
    /// Ends a claim without an answer: the record goes when no write of it committed, so the key is free again;
    /// otherwise it stays unclaimed with its writes, and a retry carries on from them.
    /// </summary>
    Task ReleaseAsync(Guid apiKeyId, string key, string token);

    Task<int> DeleteExpiredAsync(DateTimeOffset createdBefore);
}
