namespace Runnel.Core.Templates;

/// <summary>A sandbox limit was reached: the render ends with this message as its reason.</summary>
internal sealed class TemplateLimitException(string message) : Exception(message);
