using Microsoft.Extensions.Logging;
using Runnel.Core.Delivery;
using Runnel.Core.Diagnostics;
using Runnel.Core.Flows;
using Runnel.Core.Interpreter;
using Runnel.Core.Members;
using Runnel.Core.Pages;
using Runnel.Core.Services;
using Runnel.Core.Storage;

namespace Runnel.Core.Engine;

/// <summary>
/// Runs due members: claims a batch, reads everything it needs in one snapshot, runs the pure interpreter on each, and
/// commits each member's new state, timeline, outbox rows and contact/list changes in one transaction — the store
/// groups those commits. Every commit is fenced by the member's revision: a member changed by someone else since it
/// was claimed (an API lifecycle change, or another node that took it over after this node's lease expired) is left
/// alone and counted as a stale write; the next round sees its new state.
/// </summary>
public sealed class FlowRunner(
    IRunnelStore store,
    TimeProvider time,
    StepInterpreter interpreter,
    FlowVersionCache versions,
    ILinkBuilder links,
    RuntimeMetrics metrics,
    DeliveryMode delivery,
    SmsDeliveryMode smsDelivery,
    NodeOptions node,
    IPageGenerator pageGenerator,
    ILogger<FlowRunner> logger) : IScheduledPump, IDisposable
{
    /// <summary>
    /// Members per round. Why 512: one round is one read snapshot plus group-committed writes; larger rounds amortise
    /// the snapshot but delay the first commit of the round.
    /// </summary>
    public const int BatchSize = 512;

    /// <summary>Generator calls one member's run may wait for (one per scratch page step it passes).</summary>
    public const int MaxGenerationsPerRun = 4;

    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            // Where nodes share the database the claim is a write (row locks, a lease, a revision bump); alone, it is
            // part of the read snapshot. The takeovers start afresh on each attempt of the write.
            var takeovers = new List<LeaseTakeover>();
            async Task<IReadOnlyList<Member>> ClaimAsync(IStoreSession s)
            {
                takeovers.Clear();
                return await s.Members.ClaimDueAsync(now, node.NodeId, now + node.ClaimLease, BatchSize, takeovers);
            }

            var claimed = store.SharedByNodes ? await store.WriteAsync(ClaimAsync, cancellationToken) : null;
            if (claimed is { Count: 0 })
            {
                return 0;
            }

            LogTakeovers(claimed, takeovers);

            var work = await store.ReadAsync(async s =>
                await LoadAsync(s, claimed ?? await ClaimAsync(s), now), cancellationToken);
            if (work.Count == 0)
            {
                return 0;
            }

            metrics.Claimed(work.Count);
            try
            {
                // Normally each result is queued for commit as soon as it is computed, so the writer works while the
                // rest of the batch is interpreted.
                List<RunResult>? held = null;
                if (node.FaultHoldAfterClaim > TimeSpan.Zero)
                {
                    held = work.Select(Run).ToList();
                    await Task.Delay(node.FaultHoldAfterClaim, time, cancellationToken);
                }

                var commits = new List<Task>(work.Count);
                for (var i = 0; i < work.Count; i++)
                {
                    var result = held?[i] ?? Run(work[i]);
                    commits.Add(result.Generation is null
                        ? CommitAsync(work[i], result, now, cancellationToken)
                        : GenerateThenCommitAsync(work[i], result, now, cancellationToken));
                }

                await Task.WhenAll(commits);
                return work.Count;
            }
            finally
            {
                metrics.Settled(work.Count);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken) =>
        store.ReadAsync(s => s.Members.NextWakeAsync(), cancellationToken);

    public void Dispose() => _gate.Dispose();

    private void LogTakeovers(IReadOnlyList<Member>? claimed, List<LeaseTakeover> takeovers)
    {
        foreach (var takeover in takeovers)
        {
            if (claimed?.FirstOrDefault(m => m.Id == takeover.MemberId) is { } member)
            {
                logger.LeaseTakenOver(member.Id, member.FlowId, member.CurrentStepId, member.WorkspaceId,
                    takeover.PreviousOwner);
            }
        }
    }

    private sealed record WorkItem(Member Member, RunInput? Input, RunResult? Prepared);

    private RunResult Run(WorkItem item) => item.Prepared ?? interpreter.Run(item.Input!);

    /// <summary>
    /// A run that reached a scratch page asks for the generator's answer: the call is made outside any transaction
    /// (the member stays claimed), and the member runs again from the same input with the answer in hand — the pure
    /// interpreter decides the same way up to that step. A failed call becomes a failing step, retried on the
    /// step backoff.
    /// </summary>
    private async Task GenerateThenCommitAsync(WorkItem item, RunResult result, DateTimeOffset now,
        CancellationToken ct)
    {
        var answers = new Dictionary<string, PageGeneratorAnswer>(StringComparer.Ordinal);
        for (var calls = 0; result.Generation is { } request && calls < MaxGenerationsPerRun; calls++)
        {
            answers[request.StepId] = await pageGenerator.GenerateAsync(request, ct);
            result = interpreter.Run(item.Input! with { GeneratedPages = answers });
        }

        await CommitAsync(item, result, now, ct);
    }

    private async Task<List<WorkItem>> LoadAsync(IStoreSession s, IReadOnlyList<Member> due, DateTimeOffset now)
    {
        var work = new List<WorkItem>(due.Count);
        foreach (var group in due.GroupBy(m => m.WorkspaceId))
        {
            var flows = new Dictionary<Guid, Flow?>();
            var definitions = new Dictionary<(Guid, int), FlowDefinition?>();
            var members = group.ToList();
            foreach (var member in members)
            {
                if (!flows.TryGetValue(member.FlowId, out var flow))
                {
                    flow = await s.Flows.GetAsync(member.WorkspaceId, member.FlowId);
                    flows[member.FlowId] = flow;
                }

                var key = (member.FlowId, member.FlowVersion);
                if (!definitions.ContainsKey(key) && flow is not null)
                {
                    definitions[key] = await versions.GetAsync(s, member.FlowId, member.FlowVersion) is { } frozen
                        ? EnrollmentService.WithCurrentSettings(frozen, flow)
                        : null;
                }
            }

            var trees = definitions.Values.OfType<FlowDefinition>().SelectMany(FlowRuleOracle.TreesOf).ToList();
            var oracle = await FlowRuleOracle.LoadAsync(s, group.Key,
                members.Select(m => m.ContactId).Distinct().ToArray(),
                trees, now);
            var fieldTypes = await CustomFieldTypes.ActiveAsync(s, group.Key);
            var approved = new Dictionary<Guid, Emails.ApprovedEmail?>();
            var workspace = await s.Workspaces.GetAsync(group.Key);
            var postalAddress = workspace?.PostalAddress;
            var sms = new SmsRunSettings(workspace?.SmsFrom, workspace?.QuietHours,
                workspace?.Timezone ?? Time.TimeZones.Utc, smsDelivery.Deferred);
            var contacts = await s.Contacts.GetManyAsync(group.Key, members.Select(m => m.ContactId).ToArray());
            var templates = new Dictionary<Guid, string?>();
            foreach (var templateId in definitions.Values.OfType<FlowDefinition>()
                         .SelectMany(d => d.Steps.OfType<CreatePageStep>()).Select(p => p.TemplateId).OfType<Guid>())
            {
                templates.TryAdd(templateId, (await s.Templates.GetAsync(group.Key, templateId))?.Html);
            }

            var pageAliases = await s.Pages.LatestAliasesAsync(members.Select(m => m.Id).ToArray());
            foreach (var member in members)
            {
                var contact = contacts.GetValueOrDefault(member.ContactId);
                var flow = flows[member.FlowId];
                var definition = definitions.GetValueOrDefault((member.FlowId, member.FlowVersion));
                if (contact is null || flow is null || definition is null)
                {
                    work.Add(new WorkItem(member, null, Orphaned(member, contact is null, now)));
                    continue;
                }

                foreach (var step in definition.Steps.OfType<SendEmailStep>())
                {
                    if (step.EmailId is { } emailId && !approved.ContainsKey(emailId))
                    {
                        approved[emailId] = await s.Emails.GetApprovedAsync(member.WorkspaceId, emailId);
                    }
                }

                var input = new RunInput(member, contact, definition, flow.Name, now, oracle,
                    id => approved.GetValueOrDefault(id), fieldTypes,
                    links.UnsubscribeUrl(member.WorkspaceId, member.ContactId, member.Id), () => Ids.New(time), links,
                    postalAddress, delivery.Deferred, id => templates.GetValueOrDefault(id),
                    pageAliases.TryGetValue(member.Id, out var alias) ? links.PageUrl(alias) : null,
                    pageGenerator.Enabled, Sms: sms);
                work.Add(new WorkItem(member, input, null));
            }
        }

        return work;
    }

    /// <summary>A member whose contact or flow version is gone ends at once rather than failing forever.</summary>
    private static RunResult Orphaned(Member member, bool contactGone, DateTimeOffset now)
    {
        var reason = contactGone ? ExitReasons.ContactDeleted : ExitReasons.StepRemoved;
        var ended = member.Ended(MemberStatus.Dropped, reason, now);
        var entry = new TimelineEntry(now, TimelineTypes.Dropped, member.CurrentStepId,
            new System.Text.Json.Nodes.JsonObject { ["reason"] = reason });
        return new RunResult(ended, null!, new Dictionary<string, System.Text.Json.Nodes.JsonNode?>(), [entry], [], [], 0);
    }

    private async Task CommitAsync(WorkItem item, RunResult result, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            var committed = await store.WriteAsync(
                s => CommitAsync(s, item.Member, result, now, delivery.Deferred, smsDelivery.Deferred), ct);
            if (!committed)
            {
                metrics.StaleWrite();
                LogStale(item.Member);
                return;
            }

            metrics.Executed(result.StepsExecuted);
            metrics.Queued(result.Messages.Count);
            if (delivery.Deferred && result.Messages.Any(m => m.Channel == OutboundMessage.EmailChannel))
            {
                delivery.Signal.Notify();
            }

            if (smsDelivery.Deferred && result.Messages.Any(m => m.Channel == OutboundMessage.SmsChannel))
            {
                smsDelivery.Signal.Notify();
            }
        }
        catch (Exception error) when (error is not (OperationCanceledException
                                          or System.Data.Common.DbException { IsTransient: true }))
        {
            // A transient database error (connection lost, a conflict that outlasted the store's retries) leaves the
            // member claimed as it was: it runs again when its lease ends. Anything else is about the run itself.
            // The run's side effects could not be applied (e.g. an update_contact clashing with another contact's
            // email): the member fails with that reason instead of retrying the same clash forever.
            var member = item.Member;
            var failed = member.Ended(MemberStatus.Failed, ExitReasons.Failed, now,
                new MemberFailure(member.CurrentStepId ?? "", error.Message, member.Attempts + 1));
            var recorded = await store.WriteAsync(async s =>
            {
                if (!await s.Members.UpdateAsync(failed, member.Revision))
                {
                    return false;
                }

                await s.Members.AppendTimelineAsync(failed.Id, [new TimelineEntry(now, TimelineTypes.Failed,
                    failed.CurrentStepId, new System.Text.Json.Nodes.JsonObject { ["error"] = error.Message })]);
                return true;
            }, ct);
            if (recorded)
            {
                logger.MemberFailed(error, member.Id, member.FlowId, member.CurrentStepId, member.WorkspaceId,
                    error.Message);
            }
            else
            {
                LogStale(member);
            }
        }
    }

    private void LogStale(Member member) =>
        logger.StaleWrite(member.Id, member.FlowId, member.CurrentStepId, member.WorkspaceId);

    private static async Task<bool> CommitAsync(IStoreSession s, Member read, RunResult result, DateTimeOffset now,
        bool deferred, bool smsDeferred)
    {
        if (!await s.Members.UpdateAsync(result.Member, read.Revision))
        {
            return false;
        }

        await s.Members.AppendTimelineAsync(read.Id, result.Timeline);
        if (result.ContactChanges.Count > 0)
        {
            await ApplyContactChangesAsync(s, read, result, now);
        }

        foreach (var change in result.ListChanges)
        {
            var list = await s.Lists.GetAsync(read.WorkspaceId, change.ListId);
            if (list is null || list.Type != Lists.ListType.Static)
            {
                continue;
            }

            if (change.Add)
            {
                await StaticListMembership.AddAsync(s, read.WorkspaceId, change.ListId, [read.ContactId], now);
            }
            else
            {
                await StaticListMembership.RemoveAsync(s, read.WorkspaceId, change.ListId, read.ContactId, now);
            }
        }

        foreach (var message in result.Messages)
        {
            // Without a delivery channel the local outbox is the destination: the message counts as sent there.
            // With one, the row waits for the delivery pump, which records email_sent once the server accepts it.
            if ((deferred && message.Channel == OutboundMessage.EmailChannel)
                || (smsDeferred && message.Channel == OutboundMessage.SmsChannel))
            {
                await s.Outbox.InsertAsync(read.WorkspaceId, message, OutboxStatuses.Pending, now, null);
            }
            else
            {
                await s.Outbox.InsertAsync(read.WorkspaceId, message, OutboxStatuses.Local, now, now);
            }
        }

        foreach (var webhook in result.Webhooks ?? [])
        {
            await s.Webhooks.InsertAsync(webhook, now);
        }

        foreach (var page in result.Pages ?? [])
        {
            // The alias ends in 120 random bits: taken only by a page that was already written for this run.
            if (!await s.Pages.InsertAsync(page))
            {
                throw new InvalidOperationException($"The page alias '{page.Alias}' is taken.");
            }
        }

        return true;
    }

    /// <summary>Applies the run's field changes to the contact as stored now, so concurrent edits of other fields survive.</summary>
    private static async Task ApplyContactChangesAsync(IStoreSession s, Member member, RunResult result,
        DateTimeOffset now)
    {
        var current = await s.Contacts.GetAsync(member.WorkspaceId, member.ContactId);
        if (current is null)
        {
            return;
        }

        var types = await CustomFieldTypes.ActiveAsync(s, member.WorkspaceId);
        var updated = current;
        foreach (var (field, value) in result.ContactChanges)
        {
            var applied = ContactFields.Apply(updated, field, value, types, now);
            updated = applied.Contact ?? throw new InvalidOperationException(applied.Error);
        }

        await ContactService.SaveChangedAsync(s, current, updated, now);
    }
}
