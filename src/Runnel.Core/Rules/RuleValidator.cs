using Runnel.Core.Errors;

namespace Runnel.Core.Rules;

/// <summary>Checks a rule tree's meaning and limits, reporting each problem with its path (API.md §6).</summary>
public static class RuleValidator
{
    public const int MaxDepth = 10;
    public const int MaxLeaves = 100;

    public static void Validate(RuleNode node, string path, RuleScope scope, ValidationErrors errors)
    {
        var leaves = 0;
        Walk(node, path, 1, scope, errors, ref leaves);
        if (leaves > MaxLeaves)
        {
            errors.Add(path, $"a rule tree has at most {MaxLeaves} leaves (this one has {leaves})");
        }
    }

    private static void Walk(RuleNode node, string path, int depth, RuleScope scope, ValidationErrors errors,
        ref int leaves)
    {
        if (depth > MaxDepth)
        {
            errors.Add(path, $"rule trees nest at most {MaxDepth} deep");
            return;
        }

        switch (node)
        {
            case AllRule all:
                for (var i = 0; i < all.Nodes.Count; i++)
                {
                    Walk(all.Nodes[i], $"{path}.all[{i}]", depth + 1, scope, errors, ref leaves);
                }

                break;
            case AnyRule any:
                for (var i = 0; i < any.Nodes.Count; i++)
                {
                    Walk(any.Nodes[i], $"{path}.any[{i}]", depth + 1, scope, errors, ref leaves);
                }

                break;
            case NotRule not:
                Walk(not.Node, $"{path}.not", depth + 1, scope, errors, ref leaves);
                break;
            case ContextFieldRule or EmailStepRule when scope != RuleScope.Flow:
                leaves++;
                errors.Add($"{path}.source", "context and email_step conditions are only allowed inside flows");
                break;
            default:
                leaves++;
                break;
        }
    }
}
