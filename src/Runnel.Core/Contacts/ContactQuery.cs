using System.Text.Json.Serialization;
using Runnel.Core.Json;

namespace Runnel.Core.Contacts;
/// <summary>
/// Filters of <c>GET /v1/contacts</c>; null means "not filtered". Values are normalised before storage sees them.
/// </summary>
public sealed record ContactQuery(string? Email, string? Phone, string? ExternalId, string? Search);
