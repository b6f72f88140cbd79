using System.Globalization;
using System.Threading.RateLimiting;
using Runnel.Core.Errors;

namespace Runnel.Server.Hosting;

/// <summary>A token bucket per API key; over the limit answers 429 rate_limited with Retry-After.</summary>
public sealed class RateLimitMiddleware : IDisposable
{
    private readonly RequestDelegate _next;
    private readonly PartitionedRateLimiter<Guid>? _limiter;

    public RateLimitMiddleware(RequestDelegate next, RunnelOptions options)
    {
        _next = next;
        var perSecond = options.RateLimitPerSecond;
        if (perSecond > 0)
        {
            _limiter = PartitionedRateLimiter.Create<Guid, Guid>(keyId => RateLimitPartition.GetTokenBucketLimiter(
                keyId, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perSecond * 2,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        }
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (_limiter is not null && ApiCaller.Find(context) is { } caller)
        {
            using var lease = _limiter.AttemptAcquire(caller.Key.Id);
            if (!lease.IsAcquired)
            {
                var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Problems.WriteAsync(context,
                    new RunnelException(ErrorCodes.RateLimited, $"Too many requests for this key; retry in {seconds} s."));
                return;
            }
        }

        await _next(context);
    }

    public void Dispose() => _limiter?.Dispose();
}
