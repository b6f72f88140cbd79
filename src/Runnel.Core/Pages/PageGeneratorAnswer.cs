namespace Runnel.Core.Pages;

/// <summary>The generator's page <see cref="Html"/>, or why there is none (<see cref="Error"/>).</summary>
public sealed record PageGeneratorAnswer(string? Html, string? Error)
{
    public static PageGeneratorAnswer Failed(string error) => new(null, error);
}
