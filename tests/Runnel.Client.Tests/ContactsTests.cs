using System.Text.Json.Nodes;
using Runnel.Client.Tests.Infrastructure;

namespace Runnel.Client.Tests;

[Collection(SharedServer.Name)]
public sealed class ContactsTests(ServerFixture fixture)
{
    private readonly RunnelClient _client = fixture.Client;

    [Fact]
    public async Task Upsert_creates_then_updates_and_custom_fields_keep_their_keys()
    {
        var field = TestData.Unique("plan").Replace('-', '_');
        await _client.CustomFields.CreateAsync(new CreateCustomFieldRequest
        {
            ApiName = field, Label = "Plan", Type = CustomFieldTypes.Text,
        });
        var email = TestData.Email("Ada.Upper");

        var created = await _client.Contacts.UpsertAsync(new UpsertContactRequest
        {
            Email = email,
            FirstName = "Ada",
            EmailSubscriptionStatus = SubscriptionStatuses.Subscribed,
            Fields = new JsonObject { [field] = "pro" },
        });
        Assert.True(created.Created);
        Assert.Equal(created.ContactId, created.Contact.Id);
        Assert.Equal(email.ToLowerInvariant(), created.Contact.Email);
        Assert.Equal(SubscriptionStatuses.Subscribed, created.Contact.EmailSubscriptionStatus);
        Assert.Equal(SubscriptionStatuses.NonSubscribed, created.Contact.SmsSubscriptionStatus);
        Assert.Equal("pro", created.Contact.Fields[field]!.GetValue<string>());

        var again = await _client.Contacts.UpsertAsync(new UpsertContactRequest { Email = email, LastName = "Lovelace" });
        Assert.False(again.Created);
        Assert.Equal(created.ContactId, again.ContactId);
        Assert.Equal("Ada", again.Contact.FirstName);
        Assert.Equal("Lovelace", again.Contact.LastName);
    }

    [Fact]
    public async Task A_contact_is_read_listed_changed_and_erased()
    {
        var externalId = TestData.Unique("user");
        var upsert = await _client.Contacts.UpsertAsync(new UpsertContactRequest
        {
            ExternalId = externalId, Phone = "+1 415 555 0123", FirstName = "Grace",
        });
        Assert.Equal("+14155550123", upsert.Contact.Phone);

        var fetched = await _client.Contacts.GetAsync(upsert.ContactId);
        Assert.Equal(externalId, fetched.ExternalId);
        Assert.Equal("UTC", fetched.Timezone);

        var byExternalId = await _client.Contacts.ListAsync(new ListContactsRequest { ExternalId = externalId });
        Assert.Equal(upsert.ContactId, Assert.Single(byExternalId.Items).Id);
        Assert.Equal(1, byExternalId.Pagination.Total);

        var seen = new List<string>();
        await foreach (var c in _client.Contacts.ListAllAsync(new ListContactsRequest { Search = externalId, Limit = 1 }))
        {
            seen.Add(c.Id);
        }

        Assert.Equal([upsert.ContactId], seen);

        var changed = await _client.Contacts.UpdateAsync(upsert.ContactId,
            new UpdateContactRequest { Timezone = "Europe/London", LastName = "Hopper" });
        Assert.Equal("Europe/London", changed.Timezone);
        Assert.Equal("Grace", changed.FirstName);
        Assert.Equal("Hopper", changed.LastName);

        await _client.Contacts.DeleteAsync(upsert.ContactId);
        var erased = await _client.Contacts.ListAsync(new ListContactsRequest { ExternalId = externalId });
        Assert.Empty(erased.Items);
    }

    [Fact]
    public async Task Tracked_events_are_listed_on_the_contact_with_their_properties()
    {
        var email = TestData.Email();
        var tracked = await _client.Events.TrackAsync(new TrackEventRequest
        {
            Name = "order_placed",
            Email = email,
            Properties = new JsonObject { ["total"] = 120, ["orderId"] = "A-1" },
            EventId = TestData.Unique("evt"),
        });
        Assert.False(string.IsNullOrEmpty(tracked.EventId));

        var contact = Assert.Single((await _client.Contacts.ListAsync(new ListContactsRequest { Email = email })).Items);
        var events = await _client.Contacts.EventsAsync(contact.Id);
        var recorded = Assert.Single(events.Items);
        Assert.Equal("order_placed", recorded.Name);
        Assert.Equal(tracked.EventId, recorded.EventId);
        Assert.Equal("A-1", recorded.Properties["orderId"]!.GetValue<string>());
        Assert.Equal(120, recorded.Properties["total"]!.GetValue<int>());
    }
}
