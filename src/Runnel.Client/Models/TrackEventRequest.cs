using System.Text.Json.Nodes;

namespace Runnel.Client;

/// <summary>An event: its name, one identity, and its properties.</summary>
public sealed class TrackEventRequest
{
    /// <summary>The event's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>An existing contact's id.</summary>
    public string? ContactId { get; set; }

    /// <summary>An email address; an unknown one creates the contact.</summary>
    public string? Email { get; set; }

    /// <summary>A phone number; an unknown one creates the contact.</summary>
    public string? Phone { get; set; }

    /// <summary>Your own id; an unknown one creates the contact.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The event's properties, keys untouched.</summary>
    public JsonObject? Properties { get; set; }

    /// <summary>When it happened; default now.</summary>
    public DateTimeOffset? OccurredAt { get; set; }

    /// <summary>Your id for the event; a repeated one is accepted and ignored.</summary>
    public string? EventId { get; set; }
}
