using System.Text.Json;
using System.Text.Json.Nodes;
using Runnel.Core.Contacts;

namespace Runnel.Server.Features.Contacts;

/// <summary>Maps a domain contact to its wire object.</summary>
public static class ContactJson
{
    public static ContactResponse From(Contact c) => new(c.Id, c.Email, c.Phone, c.ExternalId, c.FirstName,
        c.LastName, c.Timezone, Status(c.EmailSubscriptionStatus), Status(c.SmsSubscriptionStatus), c.OptedInAt,
        (JsonObject)c.Fields.DeepClone(), c.CreatedAt, c.UpdatedAt);

    /// <summary>subscribed, unsubscribed, non_subscribed: the enum names in the API's snake_case.</summary>
    private static string Status(SubscriptionStatus status) =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());
}
