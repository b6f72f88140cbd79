using Runnel.Core.Contacts;
using Runnel.Core.Flows;
using Runnel.Core.Members;
using Runnel.Core.Storage;

namespace Runnel.Core.Services;

/// <summary>
/// What a change to a contact (or a new event of theirs) means for their running memberships, applied in the same
/// transaction as the change: condition waits wake at once, an unsubscribe ends memberships of flows that exit on
/// unsubscribe, and matching disqualification rules drop the member (API.md §8.7).
/// </summary>
public static class ContactEffects
{
    public static async Task AfterChangeAsync(IStoreSession s, Contact? before, Contact after, DateTimeOffset now)
    {
        var running = await s.Members.ListRunningForContactAsync(after.WorkspaceId, after.Id);
        if (running.Count == 0)
        {
            return;
        }

        var unsubscribed = before is not null
            && ((before.EmailSubscriptionStatus != SubscriptionStatus.Unsubscribed
                 && after.EmailSubscriptionStatus == SubscriptionStatus.Unsubscribed)
                || (before.SmsSubscriptionStatus != SubscriptionStatus.Unsubscribed
                    && after.SmsSubscriptionStatus == SubscriptionStatus.Unsubscribed));
        await ReviewAsync(s, after, running, unsubscribed, now);
    }

    /// <summary>A new event can satisfy a condition wait or a disqualification rule.</summary>
    public static async Task AfterEventAsync(IStoreSession s, Contact contact, DateTimeOffset now)
    {
        var running = await s.Members.ListRunningForContactAsync(contact.WorkspaceId, contact.Id);
        if (running.Count > 0)
        {
            await ReviewAsync(s, contact, running, unsubscribed: false, now);
        }
    }

    private static async Task ReviewAsync(IStoreSession s, Contact contact, IReadOnlyList<Member> running,
        bool unsubscribed, DateTimeOffset now)
    {
        var flows = new Dictionary<Guid, Flow>();
        foreach (var id in running.Select(m => m.FlowId).Distinct())
        {
            if (await s.Flows.GetAsync(contact.WorkspaceId, id) is { } flow)
            {
                flows[id] = flow;
            }
        }

        var rules = flows.Values.Select(f => f.Definition.DisqualificationRules).OfType<Rules.RuleNode>().ToList();
        var oracle = rules.Count == 0 ? null : await FlowRuleOracle.LoadAsync(s, contact.WorkspaceId, [contact.Id],
            rules, now);
        foreach (var member in running)
        {
            if (!flows.TryGetValue(member.FlowId, out var flow))
            {
                continue;
            }

            var settings = flow.Definition.Settings;
            if (unsubscribed && settings.ExitOnUnsubscribe)
            {
                await MemberLifecycle.DropAsync(s, member, ExitReasons.Unsubscribed, now);
            }
            else if (flow.Definition.DisqualificationRules is { } disqualify
                     && oracle!.Evaluate(disqualify, contact, member, []))
            {
                await MemberLifecycle.DropAsync(s, member, ExitReasons.Disqualified, now);
            }
        }

        // The running memberships were read in this write, so when none of them waits on a condition the wake would
        // change nothing: skipping it spares a statement per contact change on the writer thread (most changes come
        // from flows whose other members wait on timers, docs/benchmarks.md).
        if (running.Any(m => m.Status == MemberStatus.Waiting && m.WaitKind == WaitKinds.Condition))
        {
            await s.Members.WakeConditionWaitsAsync(contact.WorkspaceId, contact.Id, now);
        }
    }
}
