using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Errors;
using Runnel.Core.Json;
using Runnel.Core.Services;

namespace Runnel.Core.Tests.Contacts;

public sealed class ContactInputTests
{
    [Fact]
    public void Values_are_normalised_and_absent_members_stay_absent()
    {
        var errors = new ValidationErrors();
        var changes = ContactInput.Normalize(new ContactChanges
        {
            Email = Set<string?>("  Ada@Example.COM "),
            Phone = Set<string?>("+1 (415) 555-0123"),
            EmailSubscriptionStatus = Set<string?>("subscribed"),
            Timezone = Set<string?>("Europe/London"),
            LastName = Set<string?>(null),
        }, errors);

        Assert.Equal(0, errors.Count);
        Assert.Equal("ada@example.com", changes.Email.Value);
        Assert.Equal("+14155550123", changes.Phone.Value);
        Assert.Equal(SubscriptionStatus.Subscribed, changes.EmailSubscriptionStatus.Value);
        Assert.Equal("Europe/London", changes.Timezone.Value);
        Assert.True(changes.LastName.IsSet);
        Assert.Null(changes.LastName.Value);
        Assert.False(changes.FirstName.IsSet);
        Assert.False(changes.ExternalId.IsSet);
        Assert.False(changes.SmsSubscriptionStatus.IsSet);
        Assert.Null(changes.Fields);
    }

    [Fact]
    public void Every_bad_member_is_reported_at_its_path()
    {
        var errors = new ValidationErrors();
        ContactInput.Normalize(new ContactChanges
        {
            Email = Set<string?>("nope"),
            Phone = Set<string?>("415 555 0123"),
            ExternalId = Set<string?>(new string('x', 256)),
            FirstName = Set<string?>(new string('f', 201)),
            LastName = Set<string?>(new string('l', 201)),
            Timezone = Set<string?>("Nowhere/Land"),
            EmailSubscriptionStatus = Set<string?>("SUBSCRIBED"),
            SmsSubscriptionStatus = Set<string?>(null),
            Fields = Set<JsonObject?>(null),
        }, errors);

        Assert.Equal(
            new[] { "email", "phone", "external_id", "first_name", "last_name", "timezone",
                "email_subscription_status", "sms_subscription_status", "fields" },
            errors.Items.Select(e => e.Path).ToArray());
    }

    [Fact]
    public void Nulls_clear_identities_but_cannot_clear_timezone()
    {
        var errors = new ValidationErrors();
        var changes = ContactInput.Normalize(new ContactChanges
        {
            Email = Set<string?>(null), Phone = Set<string?>(null), Timezone = Set<string?>(null),
        }, errors);
        Assert.Equal("timezone", Assert.Single(errors.Items).Path);
        Assert.True(changes.Email.IsSet);
        Assert.Null(changes.Email.Value);
    }

    [Fact]
    public void An_upsert_needs_an_identity_and_keeps_an_unparseable_contact_id_as_naming_nothing()
    {
        var none = new ValidationErrors();
        ContactInput.Plan(new ContactUpsert { FirstName = Set<string?>("Ada"), Email = Set<string?>(null) }, none);
        Assert.Equal("", Assert.Single(none.Items).Path);

        var errors = new ValidationErrors();
        var malformed = ContactInput.Plan(new ContactUpsert { ContactId = "42" }, errors);
        Assert.Equal(0, errors.Count);
        Assert.True(malformed.HasContactId);
        Assert.Null(malformed.ContactId);

        var id = Guid.CreateVersion7();
        var plan = ContactInput.Plan(new ContactUpsert { ContactId = id.ToString() }, errors);
        Assert.Equal(id, plan.ContactId);

        var byExternal = ContactInput.Plan(new ContactUpsert { ExternalId = Set<string?>("u1") }, errors);
        Assert.False(byExternal.HasContactId);
        Assert.Equal(0, errors.Count);
    }

    [Fact]
    public void Create_defaults_are_checked_too()
    {
        var errors = new ValidationErrors();
        var plan = ContactInput.Plan(new ContactUpsert
        {
            Phone = Set<string?>("+14155550123"),
            CreateDefaults = new ContactChanges { SmsSubscriptionStatus = Set<string?>("subscribed") },
        }, errors);
        Assert.Equal(0, errors.Count);
        Assert.Equal(SubscriptionStatus.Subscribed, plan.CreateDefaults!.SmsSubscriptionStatus.Value);
    }

    [Theory]
    [InlineData("email")]
    [InlineData("first_name")]
    [InlineData("created_at")]
    [InlineData("fields")]
    public void Standard_field_names_are_reserved(string name)
    {
        Assert.True(StandardContactFields.IsStandard(name));
        Assert.True(CustomFieldService.IsValidApiName(name));
    }

    [Fact]
    public void Suppression_hashes_are_sha256_hex_of_the_normalised_address()
    {
        Assert.Equal("b5fc85e55755f9e0d030a10ab4429b6b2944855f9a0d60077fe832becbc41d72",
            Suppressions.Hash("ada@example.com"));
        Assert.Equal(64, Suppressions.Hash("+14155550123").Length);
    }

    private static Optional<T> Set<T>(T value) => new(value);
}
