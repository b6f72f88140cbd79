using System.Text.RegularExpressions;

namespace Runnel.Core.Templates;

/// <summary>
/// A light pass over the source that follows block tags (<c>if</c> … <c>endif</c>) with their offsets, before and
/// after DotLiquid parses: before, to refuse nesting deep enough to overflow DotLiquid's recursive parser; after a
/// failure, to find the opening tag of a block that was never closed, which DotLiquid reports without a place.
/// </summary>
internal static partial class BlockScanner
{
    /// <summary>
    /// The block tags of DotLiquid 2.3 with Runnel's sandbox tags registered (DotLiquid's own lookup throws on unknown
    /// names). A test checks each against DotLiquid's registry.
    /// </summary>
    public static readonly IReadOnlySet<string> BlockTags = new HashSet<string>(StringComparer.Ordinal)
    {
        "block", "capture", "case", "comment", "for", "if", "ifchanged", "literal", "raw", "tablerow", "unless",
    };

    public readonly record struct OpenBlock(string Name, int Offset);

    /// <summary>The first block tag nested deeper than <see cref="TemplateLimits.MaxNestingDepth"/>, or null.</summary>
    public static OpenBlock? FindTooDeep(string source)
    {
        OpenBlock? tooDeep = null;
        Scan(source, stack =>
        {
            if (tooDeep is null && stack.Count > TemplateLimits.MaxNestingDepth)
            {
                tooDeep = stack.Peek();
            }
        });
        return tooDeep;
    }

    /// <summary>The innermost <paramref name="name"/> block still open at the end of the source, or null.</summary>
    public static OpenBlock? FindUnclosed(string source, string name)
    {
        // A stack enumerates from its top, so the first match is the innermost.
        foreach (var block in Scan(source, _ => { }))
        {
            if (block.Name == name)
            {
                return block;
            }
        }

        return null;
    }

    private static Stack<OpenBlock> Scan(string source, Action<Stack<OpenBlock>> afterPush)
    {
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
            if (name is "raw" or "comment")
            {
                // Their bodies are text to DotLiquid: skip to the end tag.
                var end = EndOf(name).Match(source, at);
                at = end.Success ? end.Index + end.Length : source.Length;
                continue;
            }

            if (name.StartsWith("end", StringComparison.Ordinal))
            {
                if (stack.Count > 0 && stack.Peek().Name == name[3..])
                {
                    stack.Pop();
                }
            }
            else if (IsBlock(name))
            {
                stack.Push(new OpenBlock(name, match.Index));
                afterPush(stack);
            }
        }

        return stack;
    }

    private static bool IsBlock(string name) => BlockTags.Contains(name);

    private static Regex EndOf(string name) => name == "raw" ? EndRaw() : EndComment();

    [GeneratedRegex(@"\{%-?\s*(\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex TagStart();

    [GeneratedRegex(@"\{%-?\s*endraw\s*-?%\}", RegexOptions.CultureInvariant)]
    private static partial Regex EndRaw();

    [GeneratedRegex(@"\{%-?\s*endcomment\s*-?%\}", RegexOptions.CultureInvariant)]
    private static partial Regex EndComment();
}
