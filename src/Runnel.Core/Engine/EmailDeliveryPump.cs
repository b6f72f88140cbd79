using Microsoft.Extensions.Logging;
using Runnel.Core.Delivery;
using Runnel.Core.Diagnostics;
using Runnel.Core.Services;
using Runnel.Core.Storage;

namespace Runnel.Core.Engine;

/// <summary>
/// Sends pending outbox emails: claims a batch (leasing it, so a crash mid-send retries rather than loses), sends through
/// the <see cref="IEmailSender"/> (pooled SMTP connections in the host) in parallel, and records each outcome in one write — <c>sent</c> with <c>email_sent</c> on
/// the member, a retry with backoff, or <c>failed</c> with <c>email_bounced</c>. Delivery is at least once; the stable
/// Message-ID makes a repeat after a crash recognisable.
/// </summary>
public sealed class EmailDeliveryPump(IRunnelStore store, TimeProvider time, IEmailSender sender,
    ILogger<EmailDeliveryPump> logger) : IScheduledPump, IDisposable
{
    /// <summary>Rows per claim: a few pool-fulls, so a round keeps every connection busy without hoarding rows.</summary>
    public const int BatchSize = 32;

    /// <summary>Attempts in all. With the schedule below, about 8.5 hours of retrying before the message fails.</summary>
    public const int MaxAttempts = 10;

    // Longer than any send can take (connect + a 60 s command timeout per step), so a live sender never loses its rows.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan LongestRetry = TimeSpan.FromHours(4);

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The delay after <paramref name="attempts"/> failures: 1, 2, 4 … minutes, at most 4 hours.</summary>
    public static TimeSpan RetryDelay(int attempts)
    {
        var delay = FirstRetry * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        return delay < LongestRetry ? delay : LongestRetry;
    }

    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var batch = await store.WriteAsync(s =>
                s.Outbox.ClaimDueAsync(now, now + Lease, BatchSize), cancellationToken);
            if (batch.Count == 0)
            {
                return 0;
            }

            await Parallel.ForEachAsync(batch,
                new ParallelOptions { MaxDegreeOfParallelism = sender.Concurrency, CancellationToken = cancellationToken },
                async (email, ct) => await DeliverAsync(email, ct));
            return batch.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken) =>
        store.ReadAsync(s => s.Outbox.NextAttemptAtAsync(), cancellationToken);

    public void Dispose() => _gate.Dispose();

    private async Task DeliverAsync(PendingEmail email, CancellationToken ct)
    {
        var checkedAt = time.GetUtcNow();
        if (await store.WriteAsync(s => EmailEngagement.SkipIfUnsubscribedAsync(s, email, checkedAt), ct))
        {
            return;
        }

        var (outcome, error) = await sender.SendAsync(email.Message, ct);
        var attempts = email.Attempts + 1;
        var now = time.GetUtcNow();
        var id = email.Message.Id;
        switch (outcome)
        {
            case SendOutcome.Sent:
                await store.WriteAsync(async s =>
                {
                    await EmailEngagement.RecordSentAsync(s, email, attempts, now);
                    return true;
                }, ct);
                logger.EmailSent(id, email.Message.MemberId, email.Message.StepId, attempts);
                break;
            case SendOutcome.Transient when attempts < MaxAttempts:
                var retryAt = now + RetryDelay(attempts);
                await store.WriteAsync(async s =>
                {
                    await s.Outbox.MarkRetryAsync(id, attempts, retryAt, error ?? "");
                    return true;
                }, ct);
                logger.EmailRetry(id, email.Message.MemberId, email.Message.StepId, attempts, retryAt, error);
                break;
            default:
                var bounceType = outcome == SendOutcome.Permanent ? ProviderEventTypes.Hard : ProviderEventTypes.Soft;
                var reason = outcome == SendOutcome.Permanent ? error ?? "" : $"Gave up after {attempts} attempts: {error}";
                await store.WriteAsync(async s =>
                {
                    await EmailEngagement.RecordUndeliverableAsync(s, email, attempts, bounceType, reason, now);
                    return true;
                }, ct);
                logger.EmailNotDelivered(id, email.Message.MemberId, email.Message.StepId, reason);
                break;
        }
    }
}
