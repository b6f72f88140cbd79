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
    public static void AfterChange(IStoreSession s, Contact? before, Contact after, DateTimeOffset now)
    {
        var running = s.Members.ListRunningForContact(after.WorkspaceId, after.Id);
        if (running.Count == 0)
        {
            return;
        }

        var unsubscribed = before is not null
            && ((before.EmailSubscriptionStatus != SubscriptionStatus.Unsubscribed
                 && after.EmailSubscriptionStatus == SubscriptionStatus.Unsubscribed)
                || (before.SmsSubscriptionStatus != SubscriptionStatus.Unsubscribed
                    && after.SmsSubscriptionStatus == SubscriptionStatus.Unsubscribed));
        Review(s, after, running, unsubscribed, now);
    }

    /// <summary>A new event can satisfy a condition wait or a disqualification rule.</summary>
    public static void AfterEvent(IStoreSession s, Contact contact, DateTimeOffset now)
    {
        var running = s.Members.ListRunningForContact(contact.WorkspaceId, contact.Id);
        if (running.Count > 0)
        {
            Review(s, contact, running, unsubscribed: false, now);
        }
    }

    private static void Review(IStoreSession s, Contact contact, IReadOnlyList<Member> running, bool unsubscribed,
        DateTimeOffset now)
    {
        var flows = running.Select(m => m.FlowId).Distinct()
            .Select(id => s.Flows.Get(contact.WorkspaceId, id)).OfType<Flow>().ToDictionary(f => f.Id);
        var rules = flows.Values.Select(f => f.Definition.DisqualificationRules).OfType<Rules.RuleNode>().ToList();
        var oracle = rules.Count == 0 ? null : FlowRuleOracle.Load(s, contact.WorkspaceId, [contact.Id], rules, now);
        foreach (var member in running)
        {
            if (!flows.TryGetValue(member.FlowId, out var flow))
            {
                continue;
            }

            var settings = flow.Definition.Settings;
            if (unsubscribed && settings.ExitOnUnsubscribe)
            {
                MemberLifecycle.Drop(s, member, ExitReasons.Unsubscribed, now);
            }
            else if (flow.Definition.DisqualificationRules is { } disqualify
                     && oracle!.Evaluate(disqualify, contact, member, []))
            {
                MemberLifecycle.Drop(s, member, ExitReasons.Disqualified, now);
            }
        }

        // The running memberships were read in this write, so when none of them waits on a condition the wake would
        // change nothing: skipping it spares a statement per contact change on the writer thread (most changes come
        // from flows whose other members wait on timers, docs/benchmarks.md).
        if (running.Any(m => m.Status == MemberStatus.Waiting && m.WaitKind == WaitKinds.Condition))
        {
            s.Members.WakeConditionWaits(contact.WorkspaceId, contact.Id, now);
        }
    }
}
