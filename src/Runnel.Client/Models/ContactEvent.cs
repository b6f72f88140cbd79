using System.Text.Json.Nodes;

namespace Runnel.Client;

/// <summary>An event recorded for a contact.</summary>
public sealed class ContactEvent
{
    /// <summary>The event's id.</summary>
    public string EventId { get; set; } = "";

    /// <summary>The event's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Its properties, keys as given.</summary>
    public JsonObject Properties { get; set; } = [];

    /// <summary>When it happened.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>When Runnel recorded it.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
