using System.Security.Cryptography;
using System.Text;
using Runnel.Core.Engine;
using Runnel.Core.Errors;
using Runnel.Core.Security;
using Runnel.Core.Services;
using Runnel.Core.Storage;
using Runnel.Core.Workspaces;

namespace Runnel.Server.Hosting.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on POST (API.md §1, docs/security.md). It runs after routing and the scope check, so a
/// caller is authorized exactly as without the header, and a record belongs to the API key that made it. The first
/// request claims the key under a lease; each of its writes records its result in its own transaction
/// (<see cref="IdempotentStore"/>); its answer is stored encrypted and replayed to a repeat with the same body. A
/// different body is 422; a repeat while the first still runs is 409; a repeat after the first died carries on from
/// the writes it committed, so it gets the first execution's answer and the command never runs twice.
/// </summary>
public sealed class IdempotencyMiddleware(
    RequestDelegate next,
    IRunnelStore store,
    SecretProtector protector,
    TimeProvider time,
    NodeOptions node,
    RunnelOptions options)
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxKeyLength = 255;
    private const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>How long a repeat replays the first answer.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    // This process in lease owners: the node id alone could be reused by the process that replaces a dead one.
    private readonly string _owner = $"{node.NodeId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.Headers.TryGetValue(HeaderName, out var values)
            || context.GetEndpoint() is null || ApiCaller.Find(context) is not { } caller)
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (values.Count != 1 || key.Length is 0 or > MaxKeyLength)
        {
            throw RunnelException.Invalid(HeaderName, $"must be 1 to {MaxKeyLength} characters");
        }

        request.EnableBuffering(RequestBody.MaxBytes);
        var body = await RequestBody.ReadBytesAsync(context);
        var claimRequest = new IdempotencyRequest(caller.Key.Id, caller.WorkspaceId, key, HashRequest(request, body),
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), _owner, store.SharedByNodes,
            time.GetUtcNow(), node.ClaimLease, Retention);
        var claim = await store.WriteAsync(s => IdempotencyClaims.ClaimAsync(s, claimRequest), context.RequestAborted);
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Reused:
                throw new RunnelException(ErrorCodes.IdempotencyKeyReused,
                    "This Idempotency-Key was used with a different request body or path.");
            case IdempotencyOutcome.InUse:
                throw new RunnelException(ErrorCodes.IdempotencyKeyInUse,
                    "The first request with this Idempotency-Key has not finished yet; retry shortly.");
            case IdempotencyOutcome.Replay:
                await ReplayAsync(context, claim.Record!);
                return;
        }

        var scope = new IdempotencyScope(caller.Key.Id, key, claimRequest.Token, claim.Writes);
        await ExecuteAsync(context, scope);
    }

    private async Task ExecuteAsync(HttpContext context, IdempotencyScope scope)
    {
        var originalBody = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        var completed = false;
        try
        {
            using (IdempotencyScope.Enter(scope))
            {
                await next(context);
            }

            if (scope.Replayed > 0)
            {
                context.Response.Headers[ReplayedHeader] = "true";
            }

            var status = context.Response.StatusCode;
            if (status < 500 && status != StatusCodes.Status429TooManyRequests && !options.FaultAbandonIdempotency)
            {
                var answer = protector.Protect(captured.ToArray());
                var contentType = context.Response.ContentType;
                completed = await store.WriteAsync(
                    s => s.Idempotency.CompleteAsync(
                        scope.ApiKeyId, scope.Key, scope.Token, status, contentType, answer),
                    CancellationToken.None);
            }
        }
        finally
        {
            context.Response.Body = originalBody;
            if (!completed)
            {
                // Failed, or lost the record to a retry: writes that committed stay recorded for the next attempt.
                await store.WriteAsync(async s =>
                {
                    await s.Idempotency.ReleaseAsync(scope.ApiKeyId, scope.Key, scope.Token);
                    return true;
                }, CancellationToken.None);
            }
        }

        captured.Position = 0;
        await captured.CopyToAsync(originalBody, context.RequestAborted);
    }

    private async Task ReplayAsync(HttpContext context, IdempotencyRecord record)
    {
        context.Response.StatusCode = record.StatusCode!.Value;
        context.Response.Headers[ReplayedHeader] = "true";
        if (record.ContentType is not null)
        {
            context.Response.ContentType = record.ContentType;
        }

        if (record.Body is { Length: > 0 } stored && protector.Unprotect(stored) is { Length: > 0 } bytes)
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }

    private static string HashRequest(HttpRequest request, byte[] body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        sha.AppendData(body);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
