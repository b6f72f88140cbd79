using System.Collections.Concurrent;
using System.Reflection;
using DotLiquid;

namespace Runnel.Core.Templates;

/// <summary>
/// Walks a parsed DotLiquid template. Tags keep their bodies in differently named members (<c>NodeList</c>,
/// <c>If.Blocks</c>, <c>Case._blocks</c>, <c>For.ElseBlock</c>…) and some hold expressions (<c>Assign._from</c>), so
/// the walk follows every field that holds a node list, a condition or a variable, whatever the tag. The template
/// tests cover each block tag, so a DotLiquid upgrade that moves them is caught.
/// </summary>
internal static class TemplateTree
{
    private static readonly ConcurrentDictionary<Type, FieldInfo[]> TreeFields = new();

    /// <summary>
    /// Calls <paramref name="onList"/> for each node list, a list before the tags in it, and
    /// <paramref name="onVariable"/> for each variable a tag holds outside its lists; enters a tag's bodies only when
    /// <paramref name="enter"/> says so.
    /// </summary>
    public static void Walk(Template template, Func<Tag, bool> enter, Action<List<object>> onList,
        Action<Variable>? onVariable = null)
    {
        var seen = new HashSet<List<object>>(ReferenceEqualityComparer.Instance);
        WalkList(template.Root.NodeList, enter, onList, onVariable, seen);
    }

    private static void WalkList(List<object>? nodes, Func<Tag, bool> enter, Action<List<object>> onList,
        Action<Variable>? onVariable, HashSet<List<object>> seen)
    {
        if (nodes is null || !seen.Add(nodes))
        {
            return;
        }

        onList(nodes);
        foreach (var node in nodes.ToArray())
        {
            if (node is Tag tag && enter(tag))
            {
                foreach (var field in TreeFields.GetOrAdd(tag.GetType(), FindTreeFields))
                {
                    switch (field.GetValue(tag))
                    {
                        case List<object> list:
                            WalkList(list, enter, onList, onVariable, seen);
                            break;
                        case List<Condition> conditions:
                            foreach (var condition in conditions)
                            {
                                WalkList(condition.Attachment, enter, onList, onVariable, seen);
                            }

                            break;
                        case Condition condition:
                            WalkList(condition.Attachment, enter, onList, onVariable, seen);
                            break;
                        case Variable variable:
                            onVariable?.Invoke(variable);
                            break;
                    }
                }
            }
        }
    }

    private static FieldInfo[] FindTreeFields(Type type)
    {
        var fields = new List<FieldInfo>();
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            fields.AddRange(current
                .GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic
                           | BindingFlags.DeclaredOnly)
                .Where(f => f.FieldType == typeof(List<object>) || f.FieldType == typeof(List<Condition>)
                    || typeof(Condition).IsAssignableFrom(f.FieldType) || f.FieldType == typeof(Variable)));
        }

        return fields.ToArray();
    }
}
