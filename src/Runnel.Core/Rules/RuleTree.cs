namespace Runnel.Core.Rules;

/// <summary>Walks a rule tree's leaves with the problem paths the validator uses (<c>rules.all[1]</c>).</summary>
public static class RuleTree
{
    public sealed record LeafAt(RuleNode Leaf, string Path);

    public static IEnumerable<LeafAt> Leaves(RuleNode node, string path)
    {
        var pending = new Stack<LeafAt>();
        pending.Push(new LeafAt(node, path));
        while (pending.TryPop(out var current))
        {
            switch (current.Leaf)
            {
                case AllRule all:
                    PushChildren(pending, all.Nodes, $"{current.Path}.all");
                    break;
                case AnyRule any:
                    PushChildren(pending, any.Nodes, $"{current.Path}.any");
                    break;
                case NotRule not:
                    pending.Push(new LeafAt(not.Node, $"{current.Path}.not"));
                    break;
                default:
                    yield return current;
                    break;
            }
        }
    }

    /// <summary>
    /// The lists a tree names, with the path of each leaf's <c>list_id</c>; unparseable ids are left out.
    /// </summary>
    public static IEnumerable<(Guid ListId, string Path)> ListReferences(RuleNode node, string path) =>
        Leaves(node, path)
            .Where(l => l.Leaf is ListRule { ListId: var id } && id != Guid.Empty)
            .Select(l => (((ListRule)l.Leaf).ListId, $"{l.Path}.list_id"));

    // Pushed in reverse so leaves come out in document order, which keeps error lists in the order clients wrote them.
    private static void PushChildren(Stack<LeafAt> pending, IReadOnlyList<RuleNode> nodes, string prefix)
    {
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            pending.Push(new LeafAt(nodes[i], $"{prefix}[{i}]"));
        }
    }
}
