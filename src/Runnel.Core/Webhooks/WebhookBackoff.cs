namespace Runnel.Core.Webhooks;

/// <summary>
/// When a failed webhook is tried again: 1 min, doubling to a cap of 8 h, ±20 % jitter so receivers that failed
/// together are not hit together again. 12 attempts span about 24 hours (1+2+4+…+256 min, then 8 h twice ≈ 24.5 h),
/// the window API.md §11 promises.
/// </summary>
public static class WebhookBackoff
{
    /// <summary>Attempts in all, the first included.</summary>
    public const int MaxAttempts = 12;

    /// <summary>The longest a receiver's <c>Retry-After</c> may push the next attempt out.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(24);

    private static readonly TimeSpan First = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Cap = TimeSpan.FromHours(8);
    private const double Jitter = 0.2;

    /// <summary>
    /// The delay after <paramref name="failedAttempts"/> failures; <paramref name="unitRandom"/> is a value in [0, 1)
    /// (Random.Shared in production) that picks the point in the jitter band.
    /// </summary>
    public static TimeSpan After(int failedAttempts, double unitRandom)
    {
        var exponent = Math.Min(Math.Max(0, failedAttempts - 1), 20);
        var delay = First * Math.Pow(2, exponent);
        if (delay > Cap)
        {
            delay = Cap;
        }

        return delay * (1 - Jitter + (2 * Jitter * unitRandom));
    }

    /// <summary>A receiver's <c>Retry-After</c>, kept within 1 s to <see cref="MaxRetryAfter"/>.</summary>
    public static TimeSpan Honour(TimeSpan retryAfter) =>
        retryAfter < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1)
        : retryAfter > MaxRetryAfter ? MaxRetryAfter : retryAfter;
}
