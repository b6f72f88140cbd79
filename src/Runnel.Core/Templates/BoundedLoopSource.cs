using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Runnel.Core.Templates;

/// <summary>
/// The collection of a <c>for</c> or <c>tablerow</c> loop, refused when it holds more than
/// <see cref="TemplateLimits.MaxLoopIterations"/> items. A range is counted from its bounds before anything is built,
/// so <c>(1..2000000000)</c> costs nothing; each evaluation also checks the render's deadline, which is how nested
/// loops with empty bodies (no output, no filter) still stop in time.
/// </summary>
internal sealed class BoundedLoopSource(Expression source) : Expression
{
    public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
    {
        RenderScope.Of(context).Deadline.ThrowIfCancellationRequested();
        if (source is RangeExpression range)
        {
            var from = (await range.From.EvaluateAsync(context)).ToNumberValue();
            var to = (await range.To.EvaluateAsync(context)).ToNumberValue();
            EnsureWithin(to - from + 1);
        }

        var items = await source.EvaluateAsync(context);
        if (items is ArrayValue array)
        {
            EnsureWithin(array.Values.Count);
        }

        return items;
    }

    private static void EnsureWithin(decimal count)
    {
        if (count > TemplateLimits.MaxLoopIterations)
        {
            throw new TemplateLimitException($"a loop ran more than {TemplateLimits.MaxLoopIterations} times");
        }
    }
}
