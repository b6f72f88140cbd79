namespace Runnel.Core.Templates;

/// <summary>
/// An email rendered for one recipient: a one-line subject, and the bodies that exist. A preheader is already
/// placed in <see cref="Html"/> as hidden preview text; <see cref="Preheader"/> keeps it for providers that take it
/// apart.
/// </summary>
public sealed record RenderedEmail(string Subject, string? Preheader, string? Html, string? Text);
