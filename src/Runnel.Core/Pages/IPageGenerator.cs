namespace Runnel.Core.Pages;

/// <summary>
/// The operator's page generator, reached over HTTP by the server (docs/pages.md has the protocol). Never throws for
/// a failed call: the answer says what went wrong, and the step retries on the step backoff.
/// </summary>
public interface IPageGenerator
{
    /// <summary>False when no generator is configured: scratch pages use the built-in layout.</summary>
    bool Enabled { get; }

    Task<PageGeneratorAnswer> GenerateAsync(PageGenerationRequest request, CancellationToken cancellationToken);
}
