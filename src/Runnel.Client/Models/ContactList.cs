using System.Text.Json.Nodes;

namespace Runnel.Client;

/// <summary>A static or dynamic list of contacts (API.md §4).</summary>
public sealed class ContactList
{
    /// <summary>The list's id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The list's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>One of <see cref="ListTypes"/>.</summary>
    public string Type { get; set; } = "";

    /// <summary>A dynamic list's rule tree.</summary>
    public JsonObject? Rules { get; set; }

    /// <summary>How many contacts it holds.</summary>
    public long MemberCount { get; set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
