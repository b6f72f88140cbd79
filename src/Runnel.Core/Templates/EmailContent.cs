namespace Runnel.Core.Templates;

/// <summary>The Liquid sources of one email. Each part may be null except the subject.</summary>
public sealed record EmailContent(string Subject, string? Preheader, string? Html, string? Text);
