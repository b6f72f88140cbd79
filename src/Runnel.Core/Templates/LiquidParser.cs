using Fluid;
using Fluid.Ast;
using Fluid.Parser;
using Parlot;

namespace Runnel.Core.Templates;

/// <summary>
/// Parses Liquid with Fluid and says where it fails. <see cref="BlockScanner"/> first finds the structural mistakes
/// (unknown or misplaced tags, unclosed blocks, deep nesting) at the tag that causes them; what is left is a tag or
/// output Fluid cannot read, which Fluid reports with its position. That position is inside or just past the markup,
/// so the error points at the markup's opening <c>{{</c>/<c>{%</c>, where the author starts reading.
/// </summary>
internal static class LiquidParser
{
    private const int MaxReasonLength = 240;

    /// <summary>What a tag expects, said when Fluid cannot read one of these tags.</summary>
    private static readonly Dictionary<string, string> Syntax = new(StringComparer.Ordinal)
    {
        ["for"] = "Syntax Error in 'for' tag - Valid syntax: for [item] in [collection]",
        ["tablerow"] = "Syntax Error in 'tablerow' tag - Valid syntax: tablerow [item] in [collection] cols:3",
        ["capture"] = "Syntax Error in 'capture' - Valid syntax: capture [var]",
        ["assign"] = "Syntax Error in 'assign' tag - Valid syntax: assign [var] = [source]",
        ["cycle"] = "Syntax Error in 'cycle' tag - Valid syntax: cycle [name :] var [, var2, var3 ...]",
    };

    public static (IFluidTemplate? Template, TemplateError? Error) Parse(string source)
    {
        if (BlockScanner.FindProblem(source) is { } problem)
        {
            return (null, At(source, problem.Offset, problem.Reason));
        }

        bool parsed;
        IReadOnlyList<Statement>? statements;
        ParseError? error;
        try
        {
            parsed = LiquidSandbox.Parser.Grammar.TryParse(new FluidParseContext(source), out statements, out error);
        }
        catch (Parlot.ParseException thrown)
        {
            return (null, Locate(source, new ParseError { Message = thrown.Message, Position = thrown.Position }));
        }
        catch (Fluid.ParseException thrown)
        {
            // Fluid throws (without a position) only for a tag it does not know, which BlockScanner reports first.
            return (null, new TemplateError(1, null, Shorten(thrown.Message.Split('\n')[0], MaxReasonLength)));
        }

        if (!parsed || error is not null || statements is null)
        {
            return (null, Locate(source, error));
        }

        var rewriter = new SandboxRewriter();
        var template = rewriter.VisitTemplate(new FluidTemplate(statements));
        var unknown = rewriter.Filters.FirstOrDefault(name => !LiquidSandbox.Options.Filters.TryGetValue(name, out _));
        return unknown is null
            ? (template, null)
            : (null, At(source, FilterUse(source, unknown), $"unknown filter '{unknown}'"));
    }

    private static TemplateError Locate(string source, ParseError? error)
    {
        var offset = Math.Min(error?.Position.Offset ?? source.Length, source.Length);
        var reason = error?.Message ?? "the template does not parse";
        var opener = OpenerBefore(source, offset);
        if (opener < 0)
        {
            return At(source, offset, Shorten(reason, MaxReasonLength));
        }

        var closer = source[opener + 1] == '{' ? "}}" : "%}";
        if (source.IndexOf(closer, opener + 2, StringComparison.Ordinal) < 0)
        {
            return At(source, opener, $"'{Shorten(source[opener..], 40)}' is not closed with {closer}");
        }

        var tag = closer == "%}" ? TagName(source, opener + 2) : "";
        return At(source, opener, Syntax.TryGetValue(tag, out var syntax) ? syntax : Shorten(reason, MaxReasonLength));
    }

    /// <summary>The last <c>{{</c> or <c>{%</c> that starts at or before <paramref name="offset"/>, or -1.</summary>
    private static int OpenerBefore(string source, int offset)
    {
        for (var at = Math.Min(offset, source.Length - 2); at >= 0; at--)
        {
            if (source[at] == '{' && source[at + 1] is '{' or '%')
            {
                return at;
            }
        }

        return -1;
    }

    private static string TagName(string source, int at)
    {
        while (at < source.Length && (source[at] == '-' || char.IsWhiteSpace(source[at])))
        {
            at++;
        }

        var start = at;
        while (at < source.Length && (char.IsLetterOrDigit(source[at]) || source[at] == '_'))
        {
            at++;
        }

        return source[start..at];
    }

    /// <summary>Where <c>| name</c> first appears as a whole filter name, or 0 when it cannot be told.</summary>
    private static int FilterUse(string source, string name)
    {
        for (var pipe = source.IndexOf('|', StringComparison.Ordinal); pipe >= 0;
             pipe = source.IndexOf('|', pipe + 1))
        {
            var at = pipe + 1;
            while (at < source.Length && char.IsWhiteSpace(source[at]))
            {
                at++;
            }

            var end = at + name.Length;
            if (string.CompareOrdinal(source, at, name, 0, name.Length) == 0
                && (end == source.Length || !(char.IsLetterOrDigit(source[end]) || source[end] == '_')))
            {
                return at;
            }
        }

        return 0;
    }

    private static TemplateError At(string source, int offset, string reason)
    {
        var before = source.AsSpan(0, Math.Min(offset, source.Length));
        var line = before.Count('\n') + 1;
        var column = before.Length - (before.LastIndexOf('\n') + 1) + 1;
        return new TemplateError(line, column, reason);
    }

    private static string Shorten(string text, int max)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= max ? oneLine : oneLine[..(max - 1)] + "…";
    }
}
