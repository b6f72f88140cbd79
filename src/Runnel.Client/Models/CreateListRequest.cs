using System.Text.Json.Nodes;

namespace Runnel.Client;

/// <summary>A new list.</summary>
public sealed class CreateListRequest
{
    /// <summary>The name.</summary>
    public string Name { get; set; } = "";

    /// <summary>One of <see cref="ListTypes"/>.</summary>
    public string Type { get; set; } = "";

    /// <summary>The rule tree: required for dynamic lists, forbidden for static ones.</summary>
    public JsonObject? Rules { get; set; }
}
