using System.Text.RegularExpressions;
using DotLiquid;
using DotLiquid.Exceptions;

namespace Runnel.Core.Templates;

/// <summary>
/// Stands in for <c>include</c>, <c>render</c> and <c>extends</c>: templates may not read files or other templates,
/// and saying so when the template is saved beats an empty spot in a sent email.
/// </summary>
internal sealed class FileTagNotAllowed : Tag
{
    public override void Initialize(string tagName, string markup, List<string> tokens) =>
        throw new SyntaxException(
            $"the '{tagName}' tag is not available: templates cannot read files or other templates");
}

/// <summary>
/// <c>capture</c> with its text bounded by <see cref="TemplateLimits.MaxOutputBytes"/>; DotLiquid's own captures into
/// an unbounded string, which a loop can double until memory runs out.
/// </summary>
internal sealed partial class BoundedCapture : DotLiquid.Block
{
    private string _to = "";

    public override void Initialize(string tagName, string markup, List<string> tokens)
    {
        var match = Syntax().Match(markup);
        if (!match.Success)
        {
            throw new SyntaxException("Syntax Error in 'capture' - Valid syntax: capture [var]");
        }

        _to = match.Groups[1].Value;
        base.Initialize(tagName, markup, tokens);
    }

    public override void Render(Context context, TextWriter result)
    {
        using var captured = new BoundedWriter();
        RenderAll(NodeList, context, captured);
        context.Scopes[^1][_to] = captured.ToString();
    }

    [GeneratedRegex(@"^\s*([\w\-]+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}

/// <summary>
/// An output node of an HTML body: renders what it wraps (a <c>{{ }}</c> or a <c>cycle</c>) and writes it
/// HTML-escaped, whatever its type — strings, numbers, and lists or hashes printed whole.
/// </summary>
internal sealed class HtmlEscapedOutput(Action<Context, TextWriter> render) : Tag
{
    public override void Render(Context context, TextWriter result)
    {
        using var raw = new BoundedWriter();
        render(context, raw);
        result.Write(HtmlText.Escape(raw.ToString()));
    }
}
