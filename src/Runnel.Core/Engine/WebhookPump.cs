using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Runnel.Core.Diagnostics;
using Runnel.Core.Members;
using Runnel.Core.Services;
using Runnel.Core.Storage;
using Runnel.Core.Webhooks;

namespace Runnel.Core.Engine;

/// <summary>
/// Delivers due webhooks: sends each attempt, records <c>webhook_sent</c>/<c>webhook_failed</c> on the member's
/// timeline, schedules retries by the injected clock, and when a delivery is finished stores its outcome on the member
/// and makes it due, so the interpreter continues (or fails the member) at once. Delivery is at least once: a crash
/// between sending and recording sends again under the same <c>webhook-id</c>, which receivers deduplicate.
/// </summary>
public sealed class WebhookPump(
    IRunnelStore store,
    TimeProvider time,
    IWebhookSender sender,
    WorkspaceService workspaces,
    RunnerSignal runnerSignal,
    ILogger<WebhookPump> logger) : IScheduledPump, IDisposable
{
    /// <summary>
    /// Deliveries per round, sent concurrently. Why 32: each attempt may hold a connection for its full 15 s timeout;
    /// 32 keeps a slow receiver from stalling the others without opening hundreds of sockets at once.
    /// </summary>
    public const int BatchSize = 32;

    /// <summary>
    /// How long a claimed delivery is left to its claimant before it counts as abandoned and is attempted again: four
    /// times the 15 s attempt timeout, so a slow but live attempt is never duplicated.
    /// </summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var due = await store.WriteAsync(s => s.Webhooks.ClaimDueAsync(now, now + ClaimLease, BatchSize),
                cancellationToken);
            await Task.WhenAll(due.Select(d => DeliverAsync(d, cancellationToken)));
            return due.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken) =>
        store.ReadAsync(s => s.Webhooks.NextDueAsync(), cancellationToken);

    public void Dispose() => _gate.Dispose();

    private async Task DeliverAsync(WebhookDelivery delivery, CancellationToken ct)
    {
        var request = delivery.Request;
        var member = await store.ReadAsync(s =>
            s.Members.GetAsync(request.WorkspaceId, request.FlowId, request.MemberId), ct);
        if (member is null || !IsWaitingFor(member, request))
        {
            // The member left the step (dropped, removed, expired) before the webhook went out: it never will.
            var cancelled = delivery with
            {
                Status = WebhookDeliveryStatus.Cancelled, NextAttemptAt = null, FinishedAt = time.GetUtcNow(),
            };
            await store.WriteAsync(async s =>
            {
                return await s.Webhooks.UpdateStateAsync(cancelled);
            }, ct);
            logger.WebhookCancelled(request.MessageId, request.MemberId, request.FlowId, request.StepId,
                request.WorkspaceId);
            return;
        }

        var attempt = await AttemptAsync(delivery, ct);
        var now = time.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        var final = attempt.Succeeded || attempt.Blocked || attempt.StatusCode == 410
                    || attempts >= WebhookBackoff.MaxAttempts;
        DateTimeOffset? retryAt = final
            ? null
            : now + (attempt.StatusCode == 429 && attempt.RetryAfter is { } wait
                ? WebhookBackoff.Honour(wait)
                : WebhookBackoff.After(attempts, Random.Shared.NextDouble()));
        var error = attempt.Succeeded ? null : attempt.Error ?? $"HTTP {attempt.StatusCode}";
        var updated = delivery with
        {
            Status = !final ? WebhookDeliveryStatus.Pending
                : attempt.Succeeded ? WebhookDeliveryStatus.Succeeded : WebhookDeliveryStatus.Failed,
            Attempts = attempts,
            NextAttemptAt = retryAt,
            LastStatusCode = attempt.StatusCode,
            LastError = error,
            FinishedAt = final ? now : null,
        };
        var entry = new TimelineEntry(now, attempt.Succeeded ? TimelineTypes.WebhookSent : TimelineTypes.WebhookFailed,
            request.StepId, new JsonObject
            {
                ["webhook_id"] = request.MessageId,
                ["url"] = request.Url,
                ["attempt"] = attempts,
                ["status_code"] = attempt.StatusCode,
                ["error"] = error,
                ["retry_at"] = retryAt is { } at ? Json.UtcTimestampConverter.Format(at) : null,
            });
        var (recorded, woken) = await store.WriteAsync(s => RecordAsync(s, updated, entry, attempt.Succeeded, now), ct);
        if (woken)
        {
            runnerSignal.Notify();
        }

        if (!recorded)
        {
            logger.WebhookRecordedElsewhere(request.MessageId, request.MemberId, request.FlowId, request.StepId,
                request.WorkspaceId);
        }
        else if (retryAt is { } retry)
        {
            logger.WebhookRetry(request.MessageId, request.MemberId, request.FlowId, request.StepId,
                request.WorkspaceId, attempts, retry, error);
        }
        else if (!attempt.Succeeded)
        {
            logger.WebhookFailed(request.MessageId, request.MemberId, request.FlowId, request.StepId,
                request.WorkspaceId, attempts, error);
        }
    }

    private async Task<WebhookAttempt> AttemptAsync(WebhookDelivery delivery, CancellationToken ct)
    {
        var request = delivery.Request;
        string? jwtSecret = null;
        if (request.JwtSecretRef is { } name
            && (jwtSecret = await workspaces.RevealSecretAsync(request.WorkspaceId, name, ct)) is null)
        {
            // Deleted since activation (only possible while the flow was paused): no token can be signed, ever.
            return new WebhookAttempt(null, null, $"The secret '{name}' no longer exists.", Blocked: true);
        }

        var secrets = await workspaces.GetSigningSecretsAsync(request.WorkspaceId, ct);
        return await sender.SendAsync(delivery, secrets, jwtSecret, ct);
    }

    /// <summary>
    /// Stores the attempt; when the delivery is finished, hands its outcome to the member. Recorded is false when
    /// another attempt finished the delivery first; woken says the member was made due.
    /// </summary>
    private static async Task<(bool Recorded, bool Woken)> RecordAsync(IStoreSession s, WebhookDelivery delivery,
        TimelineEntry entry, bool succeeded, DateTimeOffset now)
    {
        var request = delivery.Request;
        if (!await s.Webhooks.UpdateStateAsync(delivery))
        {
            // Finished meanwhile by another node's attempt of an abandoned claim: that attempt's record stands.
            return (false, false);
        }

        await s.Members.AppendTimelineAsync(request.MemberId, [entry]);
        if (delivery.Status == WebhookDeliveryStatus.Pending
            || await s.Members.GetAsync(request.WorkspaceId, request.FlowId, request.MemberId) is not { } member
            || !IsWaitingFor(member, request))
        {
            return (true, false);
        }

        // Read and written in this one transaction, so the revision check cannot lose to another writer.
        var outcome = new WebhookOutcome(request.Visit, succeeded, delivery.Attempts, delivery.LastError);
        return (true, await s.Members.UpdateAsync(member with
        {
            Engagement = outcome.WriteTo(member.Engagement, request.StepId),
            WakeAt = now,
        }, member.Revision, dueNow: true));
    }

    private static bool IsWaitingFor(Member member, WebhookRequest request) =>
        member.Status == MemberStatus.Waiting && member.WaitKind == WaitKinds.Webhook
        && member.CurrentStepId == request.StepId && member.Visit == request.Visit;
}
