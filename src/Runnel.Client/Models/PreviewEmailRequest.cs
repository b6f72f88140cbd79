using System.Text.Json.Nodes;

namespace Runnel.Client;

/// <summary>What to render an email preview with.</summary>
public sealed class PreviewEmailRequest
{
    /// <summary>The contact whose fields fill <c>{{contact.*}}</c>.</summary>
    public string? ContactId { get; set; }

    /// <summary>Values for <c>{{context.*}}</c>.</summary>
    public JsonObject? Context { get; set; }

    /// <summary>Values for <c>{{campaign.dynamic.*}}</c>.</summary>
    public JsonObject? DynamicContext { get; set; }
}
