using System.Text.RegularExpressions;

namespace Runnel.Core.Templates;

/// <summary>
/// A light pass over the source that follows the tags with their offsets before Fluid parses, and finds the
/// structural mistakes authors make, each at the tag that causes it: nesting deep enough to overflow a recursive
/// parser (a stack overflow ends the process rather than throwing), a tag that does not exist or reads files, an
/// <c>else</c>/<c>when</c>/end tag where it does not belong, and a block never closed (reported at its opening tag,
/// where the author has to act, rather than at the end of the text).
/// </summary>
internal static partial class BlockScanner
{
    /// <summary>The block tags of <see cref="LiquidSandbox.Tags"/>. A test checks each against Fluid's parser.</summary>
    public static readonly IReadOnlySet<string> BlockTags = new HashSet<string>(StringComparer.Ordinal)
    {
        "capture", "case", "comment", "for", "if", "ifchanged", "raw", "tablerow", "unless",
    };

    /// <summary>The tags that belong inside a block, and the blocks they may appear in.</summary>
    private static readonly Dictionary<string, string[]> Within = new(StringComparer.Ordinal)
    {
        ["else"] = ["if", "unless", "case", "for"],
        ["elsif"] = ["if", "unless"],
        ["when"] = ["case"],
    };

    public readonly record struct Problem(int Offset, string Reason);

    private readonly record struct OpenBlock(string Name, int Offset);

    /// <summary>The first structural problem of <paramref name="source"/>, or null when Fluid may parse it.</summary>
    public static Problem? FindProblem(string source)
    {
        if (FindDeepExpression(source) is { } deep)
        {
            return deep;
        }

        var stack = new Stack<OpenBlock>();
        var at = 0;
        while (at < source.Length)
        {
            var match = TagStart().Match(source, at);
            if (!match.Success)
            {
                break;
            }

            var name = match.Groups[1].Value;
            at = match.Index + match.Length;
            if (source.IndexOf("%}", at, StringComparison.Ordinal) < 0)
            {
                // A tag never closed with %}: Fluid reports it, at this tag.
                return null;
            }

            if (name is "raw" or "comment")
            {
                // Their bodies are text: skip to the end tag.
                var end = EndOf(name).Match(source, at);
                at = end.Success ? end.Index + end.Length : source.Length;
                if (!end.Success)
                {
                    return NeverClosed(new OpenBlock(name, match.Index));
                }

                continue;
            }

            if (BlockTags.Contains(name))
            {
                stack.Push(new OpenBlock(name, match.Index));
                if (stack.Count > TemplateLimits.MaxNestingDepth)
                {
                    return new Problem(match.Index, $"blocks nest more than {TemplateLimits.MaxNestingDepth} deep");
                }
            }
            else if (name.StartsWith("end", StringComparison.Ordinal) && BlockTags.Contains(name[3..]))
            {
                if (stack.Count == 0 || stack.Peek().Name != name[3..])
                {
                    return new Problem(match.Index, $"Unknown tag '{name}'");
                }

                stack.Pop();
            }
            else if (Within.TryGetValue(name, out var blocks))
            {
                if (stack.Count == 0)
                {
                    return new Problem(match.Index, $"'{name}' is outside the block it belongs to");
                }

                if (!blocks.Contains(stack.Peek().Name))
                {
                    return new Problem(match.Index, $"Unknown tag '{name}'");
                }
            }
            else if (LiquidSandbox.FileTags.Contains(name))
            {
                return new Problem(match.Index,
                    $"the '{name}' tag is not available: templates cannot read files or other templates");
            }
            else if (!LiquidSandbox.Tags.Contains(name))
            {
                return new Problem(match.Index, $"Unknown tag '{name}'");
            }
        }

        // A stack enumerates from its top: the innermost block still open is the one to close first.
        return stack.Count > 0 ? NeverClosed(stack.Peek()) : null;
    }

    /// <summary>
    /// An expression nesting <c>[</c>/<c>(</c> deeper than <see cref="TemplateLimits.MaxNestingDepth"/>
    /// (<c>a[a[a[…]]]</c>): Fluid parses those by recursion too, and a few hundred levels overflow a pool thread's
    /// stack. Quoted text inside markup does not count; text outside markup is not looked at.
    /// </summary>
    private static Problem? FindDeepExpression(string source)
    {
        for (var open = IndexOfMarkup(source, 0); open >= 0; open = IndexOfMarkup(source, open + 2))
        {
            var closer = source[open + 1] == '{' ? '}' : '%';
            var depth = 0;
            char? quote = null;
            for (var at = open + 2; at < source.Length; at++)
            {
                var c = source[at];
                if (quote is not null)
                {
                    quote = c == quote ? null : quote;
                }
                else if (c is '\'' or '"')
                {
                    quote = c;
                }
                else if (c is '[' or '(' && ++depth > TemplateLimits.MaxNestingDepth)
                {
                    return new Problem(open, $"expressions nest more than {TemplateLimits.MaxNestingDepth} deep");
                }
                else if (c is ']' or ')')
                {
                    depth--;
                }
                else if (c == closer && at + 1 < source.Length && source[at + 1] == '}')
                {
                    break;
                }
            }
        }

        return null;
    }

    private static int IndexOfMarkup(string source, int from)
    {
        for (var at = source.IndexOf('{', from); at >= 0 && at + 1 < source.Length; at = source.IndexOf('{', at + 1))
        {
            if (source[at + 1] is '{' or '%')
            {
                return at;
            }
        }

        return -1;
    }

    private static Problem NeverClosed(OpenBlock block) =>
        new(block.Offset, $"'{block.Name}' is never closed with 'end{block.Name}'");

    private static Regex EndOf(string name) => name == "raw" ? EndRaw() : EndComment();

    // '#' is Fluid's inline comment, not part of Runnel's Liquid: matched so that it is reported as a tag.
    [GeneratedRegex(@"\{%-?\s*(\w+|#)", RegexOptions.CultureInvariant)]
    private static partial Regex TagStart();

    [GeneratedRegex(@"\{%-?\s*endraw\s*-?%\}", RegexOptions.CultureInvariant)]
    private static partial Regex EndRaw();

    [GeneratedRegex(@"\{%-?\s*endcomment\s*-?%\}", RegexOptions.CultureInvariant)]
    private static partial Regex EndComment();
}
