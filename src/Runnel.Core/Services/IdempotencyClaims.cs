using Runnel.Core.Storage;
using Runnel.Core.Workspaces;

namespace Runnel.Core.Services;

public static class IdempotencyClaims
{
    /// <summary>Reads the key's record and claims it when it is free; one write, so two racers cannot both win.</summary>
    public static async Task<IdempotencyClaim> ClaimAsync(IStoreSession session, IdempotencyRequest request)
    {
        var repository = session.Idempotency;
        var record = await repository.GetAsync(request.ApiKeyId, request.Key);
        var leaseUntil = request.Now + request.Lease;
        if (record is null || record.CreatedAt < request.Now - request.Retention)
        {
            await repository.StartAsync(request.ApiKeyId, request.Key, request.WorkspaceId, request.RequestHash,
                request.Token, request.Owner, leaseUntil, request.Now);
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

        await repository.TakeOverAsync(request.ApiKeyId, request.Key, request.Token, request.Owner, leaseUntil);
        return new IdempotencyClaim(IdempotencyOutcome.Resumed, record,
            await repository.GetWritesAsync(request.ApiKeyId, request.Key));
    }

    private static bool IsAlive(IdempotencyRecord record, IdempotencyRequest request) =>
        record.LeaseUntil > request.Now && (record.LeaseOwner == request.Owner || request.SharedByNodes);
}
