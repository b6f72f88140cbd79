using System.Net;
using System.Threading.RateLimiting;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Forms;

/// <summary>
/// Public form submissions per client IP: a fixed window of one minute holding
/// <see cref="RunnelOptions.FormSubmissionsPerMinute"/> submissions, so one address cannot flood contacts.
/// </summary>
public sealed class FormRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress>? _limiter;

    public FormRateLimiter(RunnelOptions options)
    {
        var perMinute = options.FormSubmissionsPerMinute;
        if (perMinute > 0)
        {
            _limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(ip => RateLimitPartition.GetFixedWindowLimiter(
                ip, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        }
    }

    /// <summary>Null when the submission may go ahead; otherwise the seconds to wait.</summary>
    public int? TryAcquire(IPAddress? address)
    {
        if (_limiter is null)
        {
            return null;
        }

        using var lease = _limiter.AttemptAcquire(address ?? IPAddress.None);
        if (lease.IsAcquired)
        {
            return null;
        }

        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1);
        return Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
    }

    public void Dispose() => _limiter?.Dispose();
}
