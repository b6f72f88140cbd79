using Runnel.Core.Rules;

namespace Runnel.Core.Flows;

/// <summary>What a flow definition refers to outside itself: lists, secrets, and rule trees naming more.</summary>
public static class FlowReferences
{
    /// <summary>True when a trigger, a step or a rule tree of the definition names the list.</summary>
    /// <summary>True when a form_submitted trigger of the flow is scoped to the page.</summary>
    public static bool UsesPage(FlowDefinition definition, Guid pageId) =>
        definition.Triggers.Any(t => t is FormSubmittedTrigger { PageId: { } page } && page == pageId);

    public static bool UsesList(FlowDefinition definition, Guid listId) =>
        definition.Triggers.Any(t => TryGetListId(t, out var id) && id == listId)
        || definition.Steps.Any(s => TryGetListId(s, out var id) && id == listId)
        || RuleLeaves(definition).Any(leaf => leaf.Leaf is ListRule rule && rule.ListId == listId);

    /// <summary>True for the triggers that watch a static list; <paramref name="listId"/> is the one named.</summary>
    public static bool TryGetListId(FlowTrigger trigger, out Guid? listId)
    {
        listId = trigger switch
        {
            AddedToStaticListTrigger added => added.ListId,
            RemovedFromStaticListTrigger removed => removed.ListId,
            _ => null,
        };
        return trigger is AddedToStaticListTrigger or RemovedFromStaticListTrigger;
    }

    /// <summary>True for the steps that change a static list; <paramref name="listId"/> is the one named.</summary>
    public static bool TryGetListId(FlowStep step, out Guid? listId)
    {
        listId = step switch
        {
            AddToListStep add => add.ListId,
            RemoveFromListStep remove => remove.ListId,
            _ => null,
        };
        return step is AddToListStep or RemoveFromListStep;
    }

    /// <summary>True when a send_webhook step signs with the named workspace secret.</summary>
    public static bool UsesSecret(FlowDefinition definition, string secretName) =>
        definition.Steps.OfType<SendWebhookStep>().Any(s => s.SecretRef == secretName);

    /// <summary>Every leaf of every rule tree in the definition, with its path (<c>steps[2].condition.all[0]</c>).
    /// </summary>
    public static IEnumerable<(RuleNode Leaf, string Path)> RuleLeaves(FlowDefinition definition) =>
        RuleTrees(definition).SelectMany(tree => Leaves(tree.Node, tree.Path));

    /// <summary>The rule trees of a definition: trigger segments, step conditions and disqualification rules.</summary>
    public static IEnumerable<(RuleNode Node, string Path)> RuleTrees(FlowDefinition definition)
    {
        for (var i = 0; i < definition.Triggers.Count; i++)
        {
            if (definition.Triggers[i].Segment is { } segment)
            {
                yield return (segment, $"triggers[{i}].segment");
            }
        }

        for (var i = 0; i < definition.Steps.Count; i++)
        {
            var condition = definition.Steps[i] switch
            {
                ConditionCheckStep check => check.Condition,
                WaitStep wait => wait.Condition,
                _ => null,
            };
            if (condition is not null)
            {
                yield return (condition, $"steps[{i}].condition");
            }
        }

        if (definition.DisqualificationRules is { } rules)
        {
            yield return (rules, "disqualification_rules");
        }
    }

    private static IEnumerable<(RuleNode Leaf, string Path)> Leaves(RuleNode node, string path) => node switch
    {
        AllRule all => all.Nodes.SelectMany((n, i) => Leaves(n, $"{path}.all[{i}]")),
        AnyRule any => any.Nodes.SelectMany((n, i) => Leaves(n, $"{path}.any[{i}]")),
        NotRule not => Leaves(not.Node, $"{path}.not"),
        _ => [(node, path)],
    };
}
