using Runnel.Core.Storage;

namespace Runnel.Core.Workspaces;

public enum IdempotencyOutcome
{
    /// <summary>No live record: this execution runs the request from the start.</summary>
    Fresh,

    /// <summary>An earlier execution died or gave up after some writes committed: this one carries on from them.</summary>
    Resumed,

    /// <summary>The request finished before: answer with its stored response.</summary>
    Replay,

    /// <summary>Another execution holds the key under a live lease.</summary>
    InUse,

    /// <summary>The key was used with a different request.</summary>
    Reused,
}

/// <summary>The decision on a keyed request, with the record it was made on and the writes a resumed run replays.</summary>
public sealed record IdempotencyClaim(
    IdempotencyOutcome Outcome,
    IdempotencyRecord? Record,
    IReadOnlyList<IdempotentWrite> Writes);

/// <summary>Who asks to claim a key, with what, and under what lease.</summary>
/// <param name="Owner">This process: its node id and a random part, so a restarted process is a different owner.</param>
/// <param name="SharedByNodes">
/// False for a database one process owns (SQLite): any other owner is a process that died, whatever its lease says.
/// </param>
public sealed record IdempotencyRequest(
    Guid ApiKeyId,
    Guid WorkspaceId,
    string Key,
    string RequestHash,
    string Token,
    string Owner,
    bool SharedByNodes,
    DateTimeOffset Now,
    TimeSpan Lease,
    TimeSpan Retention);

public static class IdempotencyClaims
{
    /// <summary>Reads the key's record and claims it when it is free; one write, so two racers cannot both win.</summary>
    public static IdempotencyClaim Claim(IStoreSession session, IdempotencyRequest request)
    {
        var repository = session.Idempotency;
        var record = repository.Get(request.ApiKeyId, request.Key);
        var leaseUntil = request.Now + request.Lease;
        if (record is null || record.CreatedAt < request.Now - request.Retention)
        {
            repository.Start(request.ApiKeyId, request.Key, request.WorkspaceId, request.RequestHash, request.Token,
                request.Owner, leaseUntil, request.Now);
            return new IdempotencyClaim(IdempotencyOutcome.Fresh, null, []);
        }

        if (record.RequestHash != request.RequestHash)
        {
            return new IdempotencyClaim(IdempotencyOutcome.Reused, record, []);
        }

        if (record.StatusCode is not null)
        {
            return new IdempotencyClaim(IdempotencyOutcome.Replay, record, []);
        }

        if (record.Token is not null && IsAlive(record, request))
        {
            return new IdempotencyClaim(IdempotencyOutcome.InUse, record, []);
        }

        repository.TakeOver(request.ApiKeyId, request.Key, request.Token, request.Owner, leaseUntil);
        return new IdempotencyClaim(IdempotencyOutcome.Resumed, record,
            repository.GetWrites(request.ApiKeyId, request.Key));
    }

    private static bool IsAlive(IdempotencyRecord record, IdempotencyRequest request) =>
        record.LeaseUntil > request.Now && (record.LeaseOwner == request.Owner || request.SharedByNodes);
}
