using Runnel.Core.Workspaces;

namespace Runnel.Core.Storage;

/// <summary>Idempotency records, keyed by the API key that made them and the client's key (docs/security.md).</summary>
public interface IIdempotencyRepository
{
    IdempotencyRecord? Get(Guid apiKeyId, string key);

    /// <summary>The writes an earlier execution committed, in order.</summary>
    IReadOnlyList<IdempotentWrite> GetWrites(Guid apiKeyId, string key);

    /// <summary>A new record claimed by <paramref name="token"/>, replacing an expired one and its writes.</summary>
    void Start(Guid apiKeyId, string key, Guid workspaceId, string requestHash, string token, string owner,
        DateTimeOffset leaseUntil, DateTimeOffset now);

    /// <summary>Claims a record whose execution died or gave up, keeping the writes it committed.</summary>
    void TakeOver(Guid apiKeyId, string key, string token, string owner, DateTimeOffset leaseUntil);

    /// <summary>
    /// Records write number <paramref name="seq"/> of the execution holding <paramref name="token"/> and renews its
    /// lease; false, writing nothing, when another execution took the record over.
    /// </summary>
    bool RecordWrite(Guid apiKeyId, string key, string token, int seq, IdempotentWrite write,
        DateTimeOffset leaseUntil);

    /// <summary>Stores the answer and drops the recorded writes; false when the token no longer holds the record.</summary>
    bool Complete(Guid apiKeyId, string key, string token, int statusCode, string? contentType, byte[] body);

    /// <summary>
    /// Ends a claim without an answer: the record goes when no write of it committed, so the key is free again;
    /// otherwise it stays unclaimed with its writes, and a retry carries on from them.
    /// </summary>
    void Release(Guid apiKeyId, string key, string token);

    int DeleteExpired(DateTimeOffset createdBefore);
}
