using Runnel.Core.Json;

namespace Runnel.Core.Pages;

/// <summary>The body of <c>PATCH /v1/pages/{id}</c>: only the members sent change; <c>form_id: null</c> removes the form.</summary>
public sealed record UpdatePageRequest(
    Optional<string?> Name,
    Optional<string?> Alias,
    Optional<string?> Html,
    Optional<string?> TemplateId,
    Optional<string?> FormId,
    Optional<bool?> Published);
