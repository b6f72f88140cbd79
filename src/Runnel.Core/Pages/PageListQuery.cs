namespace Runnel.Core.Pages;

/// <summary><c>GET /v1/pages?search=</c>: a case-insensitive substring of the name or alias.</summary>
public sealed record PageListQuery(string? Search);
