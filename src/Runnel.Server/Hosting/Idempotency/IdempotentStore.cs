using Runnel.Core.Engine;
using Runnel.Core.Errors;
using Runnel.Core.Security;
using Runnel.Core.Storage;
using Runnel.Core.Workspaces;

namespace Runnel.Server.Hosting.Idempotency;

/// <summary>
/// The store as requests see it. Inside a keyed request (<see cref="IdempotencyScope"/>) every write also records
/// what it returned, encrypted, in its own transaction, fenced by the request's claim: a crash therefore leaves
/// either nothing of a write or the write and its record together, and a retry is handed the recorded results instead
/// of running those writes again. Outside a keyed request it is the store itself.
/// </summary>
public sealed class IdempotentStore(IRunnelStore inner, SecretProtector protector, TimeProvider time, NodeOptions node)
    : IRunnelStore, IDisposable, IAsyncDisposable
{
    public bool SharedByNodes => inner.SharedByNodes;

    public Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(work, cancellationToken);

    public Task<T> WriteAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken cancellationToken = default)
    {
        if (IdempotencyScope.Current is not { } scope)
        {
            return inner.WriteAsync(work, cancellationToken);
        }

        var resultType = typeof(T).FullName!;
        if (scope.TakeCommitted(out var seq) is { } committed)
        {
            if (committed.ResultType != resultType)
            {
                throw new RunnelException(ErrorCodes.IdempotencyKeyInUse,
                    "The first request with this Idempotency-Key cannot be resumed: the server changed since it ran.");
            }

            return Task.FromResult(WriteResultJson.Deserialize<T>(protector.Unprotect(committed.Result)));
        }

        return inner.WriteAsync(async s =>
        {
            var result = await work(s);
            var record = new IdempotentWrite(resultType, protector.Protect(WriteResultJson.Serialize(result)));
            if (!await s.Idempotency.RecordWriteAsync(scope.ApiKeyId, scope.Key, scope.Token, seq, record,
                    time.GetUtcNow() + node.ClaimLease))
            {
                throw new RunnelException(ErrorCodes.IdempotencyKeyInUse,
                    "A retry with this Idempotency-Key took the request over; nothing of this attempt was kept.");
            }

            return result;
        }, cancellationToken);
    }

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) =>
        inner.IsReadyAsync(cancellationToken);

    public void Dispose() => (inner as IDisposable)?.Dispose();

    public async ValueTask DisposeAsync()
    {
        switch (inner)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
