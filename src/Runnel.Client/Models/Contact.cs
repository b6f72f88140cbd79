using System.Text.Json.Nodes;

namespace Runnel.Client;

/// <summary>A contact (API.md §3).</summary>
public sealed class Contact
{
    /// <summary>The contact's id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Email address, lower case.</summary>
    public string? Email { get; set; }

    /// <summary>Phone number, E.164.</summary>
    public string? Phone { get; set; }

    /// <summary>Your own id for the contact.</summary>
    public string? ExternalId { get; set; }

    /// <summary>First name.</summary>
    public string? FirstName { get; set; }

    /// <summary>Last name.</summary>
    public string? LastName { get; set; }

    /// <summary>IANA timezone.</summary>
    public string Timezone { get; set; } = "";

    /// <summary>One of <see cref="SubscriptionStatuses"/>.</summary>
    public string EmailSubscriptionStatus { get; set; } = "";

    /// <summary>One of <see cref="SubscriptionStatuses"/>.</summary>
    public string SmsSubscriptionStatus { get; set; } = "";

    /// <summary>When the contact opted in.</summary>
    public DateTimeOffset? OptedInAt { get; set; }

    /// <summary>Custom field values by api_name.</summary>
    public JsonObject Fields { get; set; } = [];

    /// <summary>When the contact was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the contact last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
