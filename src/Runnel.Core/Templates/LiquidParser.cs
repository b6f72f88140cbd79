using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using DotLiquid;

namespace Runnel.Core.Templates;

/// <summary>
/// Parses Liquid with DotLiquid and, when that fails, says where. DotLiquid's errors carry no position, so the place
/// is recovered: an unclosed block by finding its opening tag; an unterminated <c>{{</c>/<c>{%</c> from the text the
/// error quotes; anything else by parsing DotLiquid's own token list, which its parser consumes from the front, so
/// what is left says which token failed. Should DotLiquid's tokenizer be out of reach (it is internal), ever longer
/// line prefixes are parsed (binary search) to find the first line whose inclusion makes the parse fail for a
/// reason other than "this prefix is unfinished".
/// </summary>
internal static partial class LiquidParser
{
    private const int MaxReasonLength = 240;

    private static readonly MethodInfo? Tokenize = typeof(Template).Assembly.GetType("DotLiquid.Tokenizer")
        ?.GetMethod("Tokenize", BindingFlags.Static | BindingFlags.NonPublic,
            [typeof(string), typeof(SyntaxCompatibility)]);

    public static (Template? Template, TemplateError? Error) Parse(string source)
    {
        LiquidSandbox.EnsureConfigured();
        if (BlockScanner.FindTooDeep(source) is { } deep)
        {
            return (null, At(source, deep.Offset,
                $"blocks nest more than {TemplateLimits.MaxNestingDepth} deep"));
        }

        var failure = TryParse(source, out var template);
        if (failure is not null)
        {
            return (null, Locate(source, failure));
        }

        return FindUnknownFilter(source, template!) is { } unknown ? (null, unknown) : (template, null);
    }

    /// <summary>
    /// DotLiquid accepts any filter name and fails only when rendering, which would blank that spot in every message
    /// sent; a typo is better reported when the template is saved.
    /// </summary>
    private static TemplateError? FindUnknownFilter(string source, Template template)
    {
        var strainer = new Context(CultureInfo.InvariantCulture).Strainer;
        string? unknown = null;
        void Check(Variable variable) =>
            unknown ??= variable.Filters.FirstOrDefault(f => !strainer.RespondTo(f.Name))?.Name;
        TemplateTree.Walk(template, enter: _ => true,
            onList: nodes => nodes.OfType<Variable>().ToList().ForEach(Check), onVariable: Check);
        if (unknown is null)
        {
            return null;
        }

        var use = Regex.Match(source, @"\|\s*(" + Regex.Escape(unknown) + @")\b", RegexOptions.CultureInvariant);
        return At(source, use.Success ? use.Groups[1].Index : 0, $"unknown filter '{unknown}'");
    }

    private static Exception? TryParse(string source, out Template? template)
    {
        template = null;
        try
        {
            template = Template.Parse(source);
            return null;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The text is a client's; whatever DotLiquid throws while reading it means "does not parse".
            return error;
        }
    }

    private static TemplateError Locate(string source, Exception failure)
    {
        var message = failure.Message;
        var neverClosed = NeverClosed().Match(message);
        if (neverClosed.Success)
        {
            var name = neverClosed.Groups[1].Value;
            var open = BlockScanner.FindUnclosed(source, name);
            return At(source, open?.Offset ?? source.Length, $"'{name}' is never closed with 'end{name}'");
        }

        var unterminated = NotTerminated().Match(message);
        if (unterminated.Success)
        {
            var fragment = unterminated.Groups[2].Value;
            var offset = source.LastIndexOf(fragment, StringComparison.Ordinal);
            var closer = unterminated.Groups[1].Value == "Variable" ? "}}" : "%}";
            return At(source, offset < 0 ? source.Length : offset,
                $"'{Shorten(fragment, 40)}' is not closed with {closer}");
        }

        return LocateByTokens(source, failure) ?? LocateByPrefix(source, failure);
    }

    private static TemplateError? LocateByTokens(string source, Exception failure)
    {
        // Shorthands ({{{ }}}, {# #}) are rewritten before tokenizing, so tokens would not map back onto the source.
        if (Tokenize is null || source.Contains("{{{", StringComparison.Ordinal)
            || source.Contains("{#", StringComparison.Ordinal))
        {
            return null;
        }

        List<string> tokens;
        try
        {
            tokens = (List<string>)Tokenize.Invoke(null, [source, Template.DefaultSyntaxCompatibilityLevel])!;
        }
        catch (TargetInvocationException)
        {
            return null;
        }

        var all = tokens.ToArray();
        try
        {
            new Document().Initialize(null, null, tokens);
            return null;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            var failed = all.Length - tokens.Count - 1;
            if (failed < 0 || error.Message != failure.Message || OffsetOf(source, all, failed) is not { } offset)
            {
                return null;
            }

            return At(source, offset, Clean(error.Message));
        }
    }

    /// <summary>
    /// Where token <paramref name="index"/> starts. Tokens appear in source order; text may have lost whitespace to
    /// <c>-</c> trimming and markup its <c>-</c> markers, so markup is matched with either.
    /// </summary>
    private static int? OffsetOf(string source, string[] tokens, int index)
    {
        var at = 0;
        for (var i = 0; i <= index; i++)
        {
            var token = tokens[i];
            var (start, length) = IsMarkup(token) ? FindMarkup(source, token, at) : FindText(source, token, at);
            if (start < 0)
            {
                return null;
            }

            if (i == index)
            {
                return start;
            }

            at = start + length;
        }

        return null;
    }

    private static bool IsMarkup(string token) =>
        token.Length >= 4
        && ((token.StartsWith("{{", StringComparison.Ordinal) && token.EndsWith("}}", StringComparison.Ordinal))
            || (token.StartsWith("{%", StringComparison.Ordinal) && token.EndsWith("%}", StringComparison.Ordinal)));

    private static (int Start, int Length) FindText(string source, string token, int from) =>
        (source.IndexOf(token, from, StringComparison.Ordinal), token.Length);

    private static (int Start, int Length) FindMarkup(string source, string token, int from)
    {
        var open = token[..2];
        var close = token[^2..];
        var inner = token[2..^2];
        for (var start = source.IndexOf(open, from, StringComparison.Ordinal); start >= 0;
             start = source.IndexOf(open, start + 1, StringComparison.Ordinal))
        {
            var at = start + 2;
            if (at < source.Length && source[at] == '-')
            {
                at++;
            }

            if (string.CompareOrdinal(source, at, inner, 0, inner.Length) != 0)
            {
                continue;
            }

            at += inner.Length;
            if (at < source.Length && source[at] == '-')
            {
                at++;
            }

            if (string.CompareOrdinal(source, at, close, 0, 2) == 0)
            {
                return (start, at + 2 - start);
            }
        }

        return (-1, 0);
    }

    private static TemplateError LocateByPrefix(string source, Exception failure)
    {
        var lineEnds = LineEnds(source);
        var low = 1;
        var high = lineEnds.Count;
        var found = failure;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var error = TryParse(source[..lineEnds[middle - 1]], out _);
            if (error is not null && !IsUnfinished(error))
            {
                high = middle;
                found = error;
            }
            else
            {
                low = middle + 1;
            }
        }

        var lineStart = high == 1 ? 0 : lineEnds[high - 2];
        var lineText = source[lineStart..lineEnds[high - 1]];
        var reason = Clean(found.Message);
        return new TemplateError(high, ColumnOf(lineText, reason), reason);
    }

    private static bool IsUnfinished(Exception error) =>
        NeverClosed().IsMatch(error.Message) || NotTerminated().IsMatch(error.Message);

    /// <summary>The tag the message names ("Unknown tag 'endfor'"), if it starts on this line.</summary>
    private static int? ColumnOf(string lineText, string message)
    {
        var quoted = Quoted().Match(message);
        if (!quoted.Success)
        {
            return null;
        }

        var at = lineText.IndexOf(quoted.Groups[1].Value, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var tagStart = lineText.LastIndexOf('{', at);
        return (tagStart >= 0 ? tagStart : at) + 1;
    }

    /// <summary>The offset just past each line (after its '\n', or the end of the text for the last line).</summary>
    private static List<int> LineEnds(string source)
    {
        var ends = new List<int>();
        for (var at = source.IndexOf('\n', StringComparison.Ordinal); at >= 0;
             at = source.IndexOf('\n', at + 1))
        {
            ends.Add(at + 1);
        }

        if (ends.Count == 0 || ends[^1] != source.Length)
        {
            ends.Add(source.Length);
        }

        return ends;
    }

    private static TemplateError At(string source, int offset, string reason)
    {
        var before = source.AsSpan(0, Math.Min(offset, source.Length));
        var line = before.Count('\n') + 1;
        var column = before.Length - (before.LastIndexOf('\n') + 1) + 1;
        return new TemplateError(line, column, reason);
    }

    private static string Clean(string message)
    {
        var unexpected = NotExpected().Match(message);
        if (unexpected.Success)
        {
            var inside = unexpected.Groups[1].Value;
            var tag = unexpected.Groups[2].Value;
            message = inside.Length == 0
                ? $"'{tag}' is outside the block it belongs to"
                : $"'{tag}' is not allowed in '{inside}'";
        }

        return Shorten(RegexSuffix().Replace(message, ""), MaxReasonLength);
    }

    private static string Shorten(string text, int max)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= max ? oneLine : oneLine[..(max - 1)] + "…";
    }

    [GeneratedRegex(@"^(\w+) tag was never closed", RegexOptions.CultureInvariant)]
    private static partial Regex NeverClosed();

    [GeneratedRegex(@"^(Variable|Tag) '(.*)' was not properly terminated",
        RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex NotTerminated();

    [GeneratedRegex(@"^\s*(\w*) tag does not expect (\w+) tag", RegexOptions.CultureInvariant)]
    private static partial Regex NotExpected();

    [GeneratedRegex(@"'([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\s*with regexp: .*$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex RegexSuffix();
}
