namespace Runnel.Core.Templates;

/// <summary>Why a template does not parse, and where (1-based; the column when it can be told).</summary>
public sealed record TemplateError(int Line, int? Column, string Reason)
{
    public override string ToString() => Column is { } column
        ? $"Liquid syntax error at line {Line}, column {column}: {Reason}"
        : $"Liquid syntax error at line {Line}: {Reason}";
}
