using Runnel.Core.Json;

namespace Runnel.Core.Contacts;
/// <summary>The type and api_name of a field never change: values already stored depend on them.</summary>
public sealed record UpdateCustomFieldRequest(Optional<string?> Label, Optional<string?> Status);
