using System.Text.Json.Nodes;

namespace Runnel.Client;

/// <summary>One write of an <c>update_contact</c> step.</summary>
public sealed class ContactFieldUpdate
{
    /// <summary>A standard field's JSON name or a custom field's api_name.</summary>
    public string Field { get; set; } = "";

    /// <summary>The value; strings are Liquid.</summary>
    public JsonNode? Value { get; set; }

    /// <summary><c>overwrite</c> (default) or <c>skip_if_filled</c>.</summary>
    public string? WriteMode { get; set; }
}
