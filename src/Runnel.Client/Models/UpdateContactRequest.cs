using System.Text.Json.Nodes;

namespace Runnel.Client;

/// <summary>Changes to a contact: members left null are not sent and do not change.</summary>
public class UpdateContactRequest
{
    /// <summary>Email address.</summary>
    public string? Email { get; set; }

    /// <summary>Phone number (normalised to E.164).</summary>
    public string? Phone { get; set; }

    /// <summary>Your own id for the contact.</summary>
    public string? ExternalId { get; set; }

    /// <summary>First name.</summary>
    public string? FirstName { get; set; }

    /// <summary>Last name.</summary>
    public string? LastName { get; set; }

    /// <summary>IANA timezone.</summary>
    public string? Timezone { get; set; }

    /// <summary>One of <see cref="SubscriptionStatuses"/>.</summary>
    public string? EmailSubscriptionStatus { get; set; }

    /// <summary>One of <see cref="SubscriptionStatuses"/>.</summary>
    public string? SmsSubscriptionStatus { get; set; }

    /// <summary>When the contact opted in.</summary>
    public DateTimeOffset? OptedInAt { get; set; }

    /// <summary>Custom field values to set, by api_name; fields not named keep their values.</summary>
    public JsonObject? Fields { get; set; }
}
