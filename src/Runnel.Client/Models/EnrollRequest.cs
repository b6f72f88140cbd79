using System.Text.Json.Nodes;

namespace Runnel.Client;

/// <summary>Options of a manual enrollment.</summary>
public sealed class EnrollRequest
{
    /// <summary>Values available as <c>{{campaign.dynamic.*}}</c>, keys untouched.</summary>
    public JsonObject? DynamicContext { get; set; }
}
