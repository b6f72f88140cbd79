using DotLiquid;
using DotLiquid.Tags;

namespace Runnel.Core.Templates;

/// <summary>
/// Makes a parsed template escape its output for HTML. DotLiquid has no auto-escaping, so after parsing, every
/// <c>{{ }}</c> (and <c>cycle</c>) in an output position is wrapped in <see cref="HtmlEscapedOutput"/>. Nodes inside
/// a <c>capture</c> are left alone: captured text is a value, escaped once when a <c>{{ }}</c> prints it. An output
/// whose last filter is <c>escape</c> is escaped already and stays as it is.
/// </summary>
internal static class HtmlEscaping
{
    public static void Apply(Template template) =>
        TemplateTree.Walk(template, enter: tag => tag is not BoundedCapture, onList: WrapOutputs);

    private static void WrapOutputs(List<object> nodes)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            nodes[i] = nodes[i] switch
            {
                Variable variable when !EndsEscaped(variable) => new HtmlEscapedOutput(variable.Render),
                Cycle cycle => new HtmlEscapedOutput(cycle.Render),
                var node => node,
            };
        }
    }

    /// <summary>
    /// <c>{{ x | escape }}</c> is already HTML, as authors used to plain Liquid write it; escaping it again would
    /// show entities to the reader.
    /// </summary>
    private static bool EndsEscaped(Variable variable) =>
        variable.Filters.Count > 0 && variable.Filters[^1].Name is "escape" or "escape_once" or "h";
}
