using System.Security.Cryptography;
using System.Text;
using Runnel.Core.Errors;
using Runnel.Core.Storage;

namespace Runnel.Server.Hosting;

/// <summary>
/// <c>Idempotency-Key</c> on POST (API.md §1): the first request claims the key, its answer is stored, and a repeat
/// with the same body replays it with <c>Idempotent-Replayed: true</c>. A different body is 422; a repeat while the
/// first still runs is 409. Server errors release the key so the client can retry.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IRunnelStore store, TimeProvider time)
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxKeyLength = 255;

    /// <summary>How long a repeat replays the first answer.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    // A claim that never completed this long after it was made belongs to a process that died mid-request; no request
    // runs this long, so the key is free again.
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(5);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.Headers.TryGetValue(HeaderName, out var values)
            || ApiCaller.Find(context) is not { } caller)
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
        var hash = HashRequest(request, body);
        var now = time.GetUtcNow();
        var workspaceId = caller.WorkspaceId;
        var existing = await store.WriteAsync(
            s => s.Idempotency.TryClaim(workspaceId, key, hash, now, now - AbandonedAfter, now - Retention),
            context.RequestAborted);

        if (existing is not null)
        {
            await AnswerRepeatAsync(context, existing, hash);
            return;
        }

        var originalBody = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        var completed = false;
        try
        {
            await next(context);
            var status = context.Response.StatusCode;
            if (status < 500 && status != StatusCodes.Status429TooManyRequests)
            {
                var bytes = captured.ToArray();
                var contentType = context.Response.ContentType;
                await store.WriteAsync(s =>
                {
                    s.Idempotency.Complete(workspaceId, key, status, contentType, bytes, now);
                    return true;
                }, CancellationToken.None);
                completed = true;
            }
        }
        finally
        {
            context.Response.Body = originalBody;
            if (!completed)
            {
                await store.WriteAsync(s =>
                {
                    s.Idempotency.Release(workspaceId, key);
                    return true;
                }, CancellationToken.None);
            }
        }

        captured.Position = 0;
        await captured.CopyToAsync(originalBody, context.RequestAborted);
    }

    private static async Task AnswerRepeatAsync(HttpContext context, Core.Workspaces.IdempotencyRecord existing,
        string hash)
    {
        if (existing.RequestHash != hash)
        {
            throw new RunnelException(ErrorCodes.IdempotencyKeyReused,
                "This Idempotency-Key was used with a different request body or path.");
        }

        if (existing.StatusCode is not { } status)
        {
            throw new RunnelException(ErrorCodes.IdempotencyKeyInUse,
                "The first request with this Idempotency-Key has not finished yet; retry shortly.");
        }

        context.Response.StatusCode = status;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (existing.ContentType is not null)
        {
            context.Response.ContentType = existing.ContentType;
        }

        if (existing.Body is { Length: > 0 } bytes)
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
