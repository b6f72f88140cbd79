using DotLiquid.Exceptions;

namespace Runnel.Core.Templates;

/// <summary>
/// A sandbox limit was reached. Derives from DotLiquid's <see cref="RenderException"/> because DotLiquid lets that
/// family through even when it swallows ordinary render errors, so a limit always ends the render.
/// </summary>
internal sealed class TemplateLimitException(string message) : RenderException(message);
