using System.Text.Json.Nodes;

namespace Runnel.Client;

/// <summary>Whom to start a flow for: one identity (<see cref="ContactId"/>, <see cref="Email"/>, <see cref="Phone"/> or <see cref="ExternalId"/>) and the trigger context.</summary>
public class TriggerRecipient
{
    /// <summary>An existing contact's id.</summary>
    public string? ContactId { get; set; }

    /// <summary>An email address; an unknown one creates the contact.</summary>
    public string? Email { get; set; }

    /// <summary>An E.164 phone number; an unknown one creates the contact (subscribed to SMS).</summary>
    public string? Phone { get; set; }

    /// <summary>Your own id for the contact; an unknown one creates the contact.</summary>
    public string? ExternalId { get; set; }

    /// <summary>Attributes to upsert on the contact (first name, fields …).</summary>
    public UpdateContactRequest? Contact { get; set; }

    /// <summary>Data for the flow's steps as <c>{{context.*}}</c> (at most 16 KiB), keys untouched.</summary>
    public JsonObject? Context { get; set; }
}
