using Fluid.Ast;

namespace Runnel.Core.Templates;

/// <summary>
/// One pass over a parsed template through Fluid's public <see cref="AstRewriter"/>: loops get a
/// <see cref="BoundedLoopSource"/> (Fluid bounds only the total number of statements, not one loop), outputs a
/// <see cref="PrintedValue"/> (Fluid writes a list's items past the HTML encoder), and the filter
/// names used are collected, because Fluid accepts any name and ignores an unknown one when rendering, which would
/// leave that spot wrong in every message sent; a typo is better reported when the template is saved.
/// </summary>
internal sealed class SandboxRewriter : AstRewriter
{
    public List<string> Filters { get; } = [];

    protected override Statement VisitForStatement(ForStatement forStatement)
    {
        var visited = (ForStatement)base.VisitForStatement(forStatement);
        return new ForStatement(visited.Statements, visited.Identifier, new BoundedLoopSource(visited.Source),
            visited.Limit, visited.Offset, visited.Reversed, visited.Else);
    }

    protected override Statement VisitTableRowStatement(TableRowStatement tableRowStatement)
    {
        var visited = (TableRowStatement)base.VisitTableRowStatement(tableRowStatement);
        return new TableRowStatement(visited.Statements, visited.Identifier, new BoundedLoopSource(visited.Source),
            visited.Limit, visited.Offset, visited.Cols);
    }

    protected override Statement VisitOutputStatement(OutputStatement outputStatement)
    {
        var visited = (OutputStatement)base.VisitOutputStatement(outputStatement);
        return new OutputStatement(new PrintedValue(visited.Expression));
    }

    protected override Expression VisitFilterExpression(FilterExpression filterExpression)
    {
        Filters.Add(filterExpression.Name);
        return base.VisitFilterExpression(filterExpression);
    }
}
