using Runnel.Core.Contacts;

namespace Runnel.Server.Features.Contacts;

/// <summary>Maps a <see cref="Contact"/> to its wire shape.</summary>
public static class ContactJson
{
    public static ContactResponse From(Contact c) => new(c.Id, c.Email, c.Phone, c.ExternalId, c.FirstName,
        c.LastName, c.Timezone, SubscriptionStatuses.ToWire(c.EmailSubscriptionStatus),
        SubscriptionStatuses.ToWire(c.SmsSubscriptionStatus), c.OptedInAt, c.Fields, c.CreatedAt, c.UpdatedAt);
}
