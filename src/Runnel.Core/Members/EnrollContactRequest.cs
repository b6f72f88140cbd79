using System.Text.Json.Nodes;

namespace Runnel.Core.Members;
/// <summary>The body of <c>POST /v1/flows/{id}/contacts/{contact_id}</c>.</summary>
public sealed record EnrollContactRequest
{
    public JsonObject? DynamicContext { get; init; }
}
