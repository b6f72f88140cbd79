using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Flows;
using Runnel.Core.Interpreter;
using Runnel.Core.Members;
using Runnel.Core.Rules;
using Runnel.Core.Storage;

namespace Runnel.Core.Services;

/// <summary>
/// Evaluates a flow's rule trees for members whose facts (list memberships, events, custom field types) were loaded
/// in bulk beforehand, so the interpreter stays free of I/O.
/// </summary>
public sealed class FlowRuleOracle(DynamicListEvaluator lists, RuleFactsBatch batch, DateTimeOffset now) : IRuleOracle
{
    public IReadOnlyDictionary<string, string> FieldTypes => batch.FieldTypes;

    /// <summary>Loads what <paramref name="trees"/> can ask about, for the given contacts, in one go.</summary>
    public static async Task<FlowRuleOracle> LoadAsync(IStoreSession session, Guid workspaceId,
        IReadOnlyCollection<Guid> contactIds, IEnumerable<RuleNode> trees, DateTimeOffset now)
    {
        var lists = await DynamicListEvaluator.LoadAsync(session, workspaceId, now);
        var batch = await session.RuleFacts.LoadAsync(workspaceId, contactIds, lists.EventsNeeded(trees));
        return new FlowRuleOracle(lists, batch, now);
    }

    /// <summary>Every rule tree in a definition: trigger segments, disqualification rules and conditions.</summary>
    public static IEnumerable<RuleNode> TreesOf(FlowDefinition definition)
    {
        foreach (var trigger in definition.Triggers)
        {
            if (trigger.Segment is { } segment)
            {
                yield return segment;
            }
        }

        if (definition.DisqualificationRules is { } rules)
        {
            yield return rules;
        }

        foreach (var step in definition.Steps)
        {
            switch (step)
            {
                case ConditionCheckStep { Condition: { } condition }:
                    yield return condition;
                    break;
                case WaitStep { Condition: { } wait }:
                    yield return wait;
                    break;
            }
        }
    }

    public bool Evaluate(RuleNode rule, Contact contact, Member member, IReadOnlyList<ListChange> pendingListChanges)
    {
        Dictionary<Guid, bool>? overrides = null;
        foreach (var change in pendingListChanges)
        {
            overrides ??= [];
            overrides[change.ListId] = change.Add;
        }

        var facts = lists.FactsFor(contact, batch, overrides, stepId => Engagement(member, stepId));
        return RuleEvaluator.Evaluate(rule, new RuleInput(contact, batch.FieldTypes, now, facts, member.Context));
    }

    /// <summary>Evaluates a rule for a contact that has no membership yet (segments, disqualification at entry).</summary>
    public bool Evaluate(RuleNode rule, Contact contact, JsonObject? context)
    {
        var facts = lists.FactsFor(contact, batch, null, null);
        return RuleEvaluator.Evaluate(rule, new RuleInput(contact, batch.FieldTypes, now, facts, context));
    }

    private static EmailStepFacts? Engagement(Member member, string stepId)
    {
        if (member.Engagement[stepId] is not JsonObject facts)
        {
            return null;
        }

        bool Has(string name) => facts[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        return new EmailStepFacts(Has("sent"), Has("delivered"), Has("opened"), Has("clicked"), Has("bounced"));
    }
}
