using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Runnel.Core.Templates;

/// <summary>
/// What a <c>{{ }}</c> prints. A list printed whole becomes the string of its items, as Liquid prints it, so that
/// the HTML encoder sees it: Fluid writes a list's items straight to the output, unescaped, which would let
/// <c>{{ context.tags }}</c> put a contact's <c>&lt;script&gt;</c> into an email.
/// </summary>
internal sealed class PrintedValue(Expression expression) : Expression
{
    public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
    {
        var value = await expression.EvaluateAsync(context);
        return value is ArrayValue ? new StringValue(value.ToStringValue()) : value;
    }
}
