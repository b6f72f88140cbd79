using System.Text.Json.Nodes;

namespace Runnel.Client;

/// <summary>Changes to a list.</summary>
public sealed class UpdateListRequest
{
    /// <summary>The name.</summary>
    public string? Name { get; set; }

    /// <summary>A dynamic list's new rule tree.</summary>
    public JsonObject? Rules { get; set; }
}
