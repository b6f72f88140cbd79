using Microsoft.Extensions.Logging;
using Runnel.Core.Delivery;
using Runnel.Core.Diagnostics;
using Runnel.Core.Members;
using Runnel.Core.Services;
using Runnel.Core.Storage;
using Runnel.Core.Webhooks;

namespace Runnel.Core.Engine;

/// <summary>
/// Sends pending outbox SMS through the <see cref="ISmsSender"/>: claims a batch with a lease in a write (as the email
/// pump does, so several nodes never send one row at once and a crash mid-send retries rather than loses), sends in
/// parallel, and records each outcome in one write fenced on the row still being pending — <c>sms_sent</c> (and a
/// reply wait's timeout starts), a retry with backoff and jitter (or the provider's <c>Retry-After</c>) on 429, 5xx and
/// time-outs, or <c>sms_failed</c>. Delivery is at least once: a resend after a crash carries the same idempotency key.
/// </summary>
public sealed class SmsDeliveryPump(IRunnelStore store, TimeProvider time, ISmsSender sender,
    WorkspaceService workspaces, SmsEngagement engagement, RunnerSignal runnerSignal,
    ILogger<SmsDeliveryPump> logger) : IScheduledPump, IDisposable
{
    /// <summary>
    /// Rows per claim. Why 128: twice the HTTP senders' 64 parallel sends, so a round keeps every connection busy
    /// while a conversation's next message waits at most one round behind a burst of replies; each send's latency is
    /// mostly two group-committed writes and the provider's answer, so parallelism, not CPU, sets the rate.
    /// </summary>
    public const int BatchSize = 128;

    /// <summary>
    /// Attempts in all: with backoff from 1 minute doubling, about two hours of retrying. A conversation's message
    /// that cannot go out in two hours has lost its moment (sessions default to 30 minutes).
    /// </summary>
    public const int MaxAttempts = 8;

    // Four times a send's 15 s timeout: a live sender never loses its rows; a dead one's are retried a minute later.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var batch = await store.WriteAsync(s => s.Outbox.ClaimDueSmsAsync(now, now + Lease, BatchSize),
                cancellationToken);
            if (batch.Count == 0)
            {
                return 0;
            }

            // The workspaces' signing secrets are read once per round, not once per message.
            var secrets = new Dictionary<Guid, Task<IReadOnlyList<byte[]>>>();
            foreach (var workspaceId in batch.Select(sms => sms.WorkspaceId).Distinct())
            {
                secrets[workspaceId] = workspaces.GetSigningSecretsAsync(workspaceId, cancellationToken);
            }

            await Parallel.ForEachAsync(batch,
                new ParallelOptions { MaxDegreeOfParallelism = sender.Concurrency, CancellationToken = cancellationToken },
                async (sms, ct) => await DeliverAsync(sms, await secrets[sms.WorkspaceId], ct));
            return batch.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken) =>
        store.ReadAsync(s => s.Outbox.NextAttemptAtAsync(OutboundMessage.SmsChannel), cancellationToken);

    public void Dispose() => _gate.Dispose();

    /// <summary>The delay after <paramref name="attempts"/> failures: the webhook schedule (1, 2, 4 … min, ±20 %).</summary>
    public static TimeSpan RetryDelay(int attempts, SmsSendResult result, double unitRandom) =>
        result.RetryAfter is { } wait ? WebhookBackoff.Honour(wait) : WebhookBackoff.After(attempts, unitRandom);

    private async Task DeliverAsync(PendingSms sms, IReadOnlyList<byte[]> secrets, CancellationToken ct)
    {
        var m = sms.Message;
        var checkedAt = time.GetUtcNow();
        if (await store.WriteAsync(s => SmsEngagement.SkipIfUnsubscribedAsync(s, sms, checkedAt), ct))
        {
            logger.SmsSkipped(m.Id, m.MemberId, m.StepId);
            return;
        }

        var result = await sender.SendAsync(m, secrets, ct);
        var attempts = sms.Attempts + 1;
        var now = time.GetUtcNow();
        switch (result.Outcome)
        {
            case SendOutcome.Sent:
                await store.WriteAsync(s =>
                    SmsEngagement.RecordSentAsync(s, sms, attempts, result.ProviderMessageId, now), ct);
                runnerSignal.Notify();
                logger.SmsSent(m.Id, m.MemberId, m.StepId, attempts, result.ProviderMessageId);
                break;
            case SendOutcome.Transient when attempts < MaxAttempts:
                var retryAt = now + RetryDelay(attempts, result, Random.Shared.NextDouble());
                await store.WriteAsync(async s =>
                    await s.Outbox.MarkRetryAsync(m.Id, attempts, retryAt, result.Error ?? ""), ct);
                logger.SmsRetry(m.Id, m.MemberId, m.StepId, attempts, retryAt, result.Error);
                break;
            default:
                var reason = result.Outcome == SendOutcome.Permanent
                    ? result.Error ?? "refused by the provider"
                    : $"Gave up after {attempts} attempts: {result.Error}";
                await store.WriteAsync(async s =>
                {
                    await engagement.RecordFailedAsync(s, sms, attempts, result, reason, now);
                    return true;
                }, ct);
                runnerSignal.Notify();
                logger.SmsFailed(m.Id, m.MemberId, m.StepId, attempts, reason);
                break;
        }
    }
}
