namespace Runnel.Core.Pages;

/// <summary>The body of <c>POST /v1/pages</c>: <c>html</c> or <c>template_id</c>, not both.</summary>
public sealed record CreatePageRequest(string? Name, string? Alias, string? Html, string? TemplateId, string? FormId,
    bool? Published);
