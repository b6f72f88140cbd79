using Runnel.Core.Rules;

namespace Runnel.Core.Flows;

/// <summary>What a flow definition refers to outside itself: lists, secrets, and the rule trees that may name more.</summary>
public static class FlowReferences
{
    /// <summary>True when a trigger, a step or a rule tree of the definition names the list.</summary>
    public static bool UsesList(FlowDefinition definition, Guid listId)
    {
        foreach (var trigger in definition.Triggers)
        {
            if (trigger is AddedToStaticListTrigger { ListId: { } added } && added == listId
                || trigger is RemovedFromStaticListTrigger { ListId: { } removed } && removed == listId)
            {
                return true;
            }
        }

        foreach (var step in definition.Steps)
        {
            if (step is AddToListStep { ListId: { } added } && added == listId
                || step is RemoveFromListStep { ListId: { } removed } && removed == listId)
            {
                return true;
            }
        }

        return RuleLeaves(definition).Any(leaf => leaf.Leaf is ListRule rule && rule.ListId == listId);
    }

    /// <summary>True when a send_webhook step signs with the named workspace secret.</summary>
    public static bool UsesSecret(FlowDefinition definition, string secretName) =>
        definition.Steps.OfType<SendWebhookStep>().Any(s => s.SecretRef == secretName);

    /// <summary>Every leaf of every rule tree in the definition, with its path (<c>steps[2].condition.all[0]</c>).</summary>
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
