using Fluid;

namespace Runnel.Core.Templates;

/// <summary>What one render carries beyond Fluid's own context: the deadline every loop, write and filter checks.</summary>
internal sealed class RenderScope(CancellationToken deadline)
{
    private const string Key = "runnel.render";

    public CancellationToken Deadline { get; } = deadline;

    public void AttachTo(TemplateContext context) => context.AmbientValues[Key] = this;

    public static RenderScope Of(TemplateContext context) =>
        context.AmbientValues.TryGetValue(Key, out var scope) && scope is RenderScope render
            ? render
            : throw new InvalidOperationException("a template context was rendered without its RenderScope");
}
