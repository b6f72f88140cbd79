using Runnel.Core.Errors;
using Runnel.Core.Members;

namespace Runnel.Core.Services;

public sealed partial class EnrollmentService
{
    /// <summary>API.md §8.6: at most this many recipients in one batch call.</summary>
    public const int MaxBatchRecipients = 1000;

    public const string Invalid = "invalid";

    /// <summary>
    /// Starts every recipient of a batch in one write, in request order: the whole batch is durable when this
    /// returns, and one round trip to the writer replaces a thousand. An item that cannot start (bad input, a missing
    /// contact) is reported as <c>invalid</c> and the others go on; a flow-level problem fails the whole call as it
    /// would a single trigger. Items see each other's writes, so a contact named twice is <c>already_running</c> the
    /// second time.
    /// </summary>
    public async Task<IReadOnlyList<BatchTriggerOutcome>> TriggerBatchAsync(Guid workspaceId, Guid flowId,
        IReadOnlyList<BatchTriggerItem> items, CancellationToken ct)
    {
        if (items.Count > MaxBatchRecipients)
        {
            throw RunnelException.Invalid("recipients",
                $"must hold at most {MaxBatchRecipients} recipients (this has {items.Count})");
        }

        var plans = items.Select(Plan).ToArray();
        var now = time.GetUtcNow();
        var outcomes = await store.WriteAsync(async s =>
        {
            var target = await ApiTargetAsync(s, workspaceId, flowId, publicKey: false);
            var results = new BatchTriggerOutcome[plans.Length];
            for (var i = 0; i < plans.Length; i++)
            {
                var (item, plan, errors) = plans[i];
                if (plan is null)
                {
                    results[i] = new BatchTriggerOutcome(i, Invalid, null, null, null, errors);
                    continue;
                }

                try
                {
                    // Safe to catch inside the write: TriggerInSession raises only before the item writes anything.
                    var outcome = await TriggerInSessionAsync(s, target, plan, item.Request!.Context, now);
                    results[i] = new BatchTriggerOutcome(i, outcome.Status, outcome.MemberId, outcome.ContactId,
                        outcome.Reason, null);
                }
                catch (RunnelException error)
                {
                    results[i] = new BatchTriggerOutcome(i, Invalid, null, null, null, ItemErrors(error));
                }
            }

            return results;
        }, ct);

        var started = outcomes.Count(o => o.Status == Started);
        for (var i = 0; i < started; i++)
        {
            metrics.Enrolled();
        }

        if (started > 0)
        {
            signal.Notify();
        }

        return outcomes;
    }

    private (BatchTriggerItem Item, TriggerPlan? Plan, IReadOnlyList<FieldError>? Errors) Plan(BatchTriggerItem item)
    {
        if (item.Request is not { } request)
        {
            return (item, null, item.Errors ?? [new FieldError("", "must be a JSON object")]);
        }

        try
        {
            return (item, PlanTrigger(request), null);
        }
        catch (RunnelException error)
        {
            return (item, null, ItemErrors(error));
        }
    }

    /// <summary>An item's problems as <c>validation_failed</c> lists them, whatever error a single trigger answers.</summary>
    private static IReadOnlyList<FieldError> ItemErrors(RunnelException error)
    {
        if (error.Errors is { Count: > 0 } errors)
        {
            return errors;
        }

        var path = error.Code == ErrorCodes.ContactNotFound ? "contact_id"
            : error.Extensions?.GetValueOrDefault("field") as string ?? "";
        var message = error.Code == ErrorCodes.ContactNotFound ? "no contact has this ID" : error.Detail ?? error.Code.Title;
        return [new FieldError(path, message)];
    }
}
