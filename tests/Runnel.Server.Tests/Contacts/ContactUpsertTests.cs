using System.Net;
using Runnel.Core.Json;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Contacts;

public sealed class ContactUpsertTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    [Fact]
    public async Task Upsert_creates_with_201_then_updates_the_same_contact_with_200()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var created = await ws.Http.PostJsonAsync("/v1/contacts",
                new { email = "ada@example.com", first_name = "Ada", last_name = "Lovelace" })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.True(created["created"]!.GetValue<bool>());
        var contact = created["contact"]!;
        var id = created.Str("contact_id");
        Assert.Equal(id, contact.Str("id"));
        Assert.Equal(7, Guid.Parse(id).Version);
        Assert.Equal("ada@example.com", contact.Str("email"));
        Assert.Null(contact["phone"]);
        Assert.Null(contact["external_id"]);
        Assert.Equal("UTC", contact.Str("timezone"));
        Assert.Equal("non_subscribed", contact.Str("email_subscription_status"));
        Assert.Equal("non_subscribed", contact.Str("sms_subscription_status"));
        Assert.Null(contact["opted_in_at"]);
        Assert.Empty(contact["fields"]!.AsObject());
        var now = UtcTimestampConverter.Format(factory.Clock.GetUtcNow());
        Assert.Equal(now, contact.Str("created_at"));
        Assert.Equal(now, contact.Str("updated_at"));

        var again = await ws.Http.PostJsonAsync("/v1/contacts", new { email = "ada@example.com", last_name = "King" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.False(again["created"]!.GetValue<bool>());
        Assert.Equal(id, again.Str("contact_id"));
        Assert.Equal("Ada", again["contact"]!.Str("first_name"));
        Assert.Equal("King", again["contact"]!.Str("last_name"));
    }

    [Fact]
    public async Task Identity_order_is_contact_id_then_external_id_then_email_then_phone()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var byExternal = await ws.CreateContactAsync(new { external_id = "user_1" });
        var byEmail = await ws.CreateContactAsync(new { email = "two@example.com" });
        var byPhone = await ws.CreateContactAsync(new { phone = "+14155550101" });

        // external_id wins over email and phone, and the other identities are written to that contact only if free.
        var r1 = await ws.Http.PostJsonAsync("/v1/contacts", new { external_id = "user_1", first_name = "One" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(byExternal.Str("id"), r1.Str("contact_id"));

        // email wins over phone.
        var r2 = await ws.Http.PostJsonAsync("/v1/contacts",
            new { email = "two@example.com", external_id = "user_2" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(byEmail.Str("id"), r2.Str("contact_id"));
        Assert.Equal("user_2", r2["contact"]!.Str("external_id"));

        var r3 = await ws.Http.PostJsonAsync("/v1/contacts", new { phone = "+14155550101", last_name = "Three" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(byPhone.Str("id"), r3.Str("contact_id"));

        // contact_id wins over everything: the email named here is set on that contact.
        var r4 = await ws.Http.PostJsonAsync("/v1/contacts",
            new { contact_id = byPhone.Str("id"), email = "three@example.com" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(byPhone.Str("id"), r4.Str("contact_id"));
        Assert.Equal("three@example.com", r4["contact"]!.Str("email"));

        // external_id matches user_1, whose contact then cannot take an email that belongs to another contact.
        await ws.Http.PostJsonAsync("/v1/contacts", new { external_id = "user_1", email = "two@example.com" })
            .ExpectProblemAsync(HttpStatusCode.Conflict, "contact_identity_conflict");

        // Nothing matches: a new contact holds every identity given.
        var fresh = await ws.Http.PostJsonAsync("/v1/contacts",
            new { external_id = "user_9", email = "nine@example.com", phone = "+14155550109" })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("user_9", fresh["contact"]!.Str("external_id"));
        Assert.Equal("+14155550109", fresh["contact"]!.Str("phone"));
    }

    [Fact]
    public async Task A_contact_id_that_names_nothing_is_404_and_never_falls_through()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync();
        await ws.CreateContactAsync(new { email = "x@example.com" });
        var foreign = await other.CreateContactAsync(new { email = "x@example.com" });

        await ws.Http.PostJsonAsync("/v1/contacts", new { contact_id = Guid.CreateVersion7(), email = "x@example.com" })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
        await ws.Http.PostJsonAsync("/v1/contacts", new { contact_id = foreign.Str("id"), first_name = "Mallory" })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
        await ws.Http.PostJsonAsync("/v1/contacts", new { contact_id = "not-a-uuid" })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");

        var untouched = await other.Http.GetAsync($"/v1/contacts/{foreign.Str("id")}").ExpectAsync(HttpStatusCode.OK);
        Assert.Null(untouched["first_name"]);
    }

    [Fact]
    public async Task At_least_one_identity_is_required()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.PostJsonAsync("/v1/contacts", new { first_name = "Nobody" }).ExpectValidationAsync("");
        await ws.Http.PostJsonAsync("/v1/contacts", new { email = (string?)null, phone = (string?)null })
            .ExpectValidationAsync("");
    }

    [Fact]
    public async Task Email_and_phone_are_normalised_and_checked()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var contact = await ws.CreateContactAsync(new { email = "  Ada.Lovelace@Example.COM ", phone = "+1 (415) 555-0123" });
        Assert.Equal("ada.lovelace@example.com", contact.Str("email"));
        Assert.Equal("+14155550123", contact.Str("phone"));

        // Any spelling of the same address finds the same contact.
        var again = await ws.Http.PostJsonAsync("/v1/contacts", new { email = "ADA.LOVELACE@example.com" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(contact.Str("id"), again.Str("contact_id"));
        var byPhone = await ws.Http.PostJsonAsync("/v1/contacts", new { phone = "+1 415-555-0123" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(contact.Str("id"), byPhone.Str("contact_id"));

        await ws.Http.PostJsonAsync("/v1/contacts", new { phone = "(415) 555-0123" }).ExpectValidationAsync("phone");
        await ws.Http.PostJsonAsync("/v1/contacts", new { phone = "+1 555" }).ExpectValidationAsync("phone");
        await ws.Http.PostJsonAsync("/v1/contacts", new { email = "not-an-email" }).ExpectValidationAsync("email");
        await ws.Http.PostJsonAsync("/v1/contacts", new { email = "a b@example.com" }).ExpectValidationAsync("email");
    }

    [Fact]
    public async Task Only_members_present_in_the_body_change_and_null_clears()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var contact = await ws.CreateContactAsync(new
        {
            external_id = "u1", email = "keep@example.com", first_name = "Keep", last_name = "Me",
            timezone = "Europe/London",
        });
        var updated = await ws.Http.PostJsonAsync("/v1/contacts", new { external_id = "u1", last_name = (string?)null })
            .ExpectAsync(HttpStatusCode.OK);
        var c = updated["contact"]!;
        Assert.Equal(contact.Str("id"), c.Str("id"));
        Assert.Equal("keep@example.com", c.Str("email"));
        Assert.Equal("Keep", c.Str("first_name"));
        Assert.Null(c["last_name"]);
        Assert.Equal("Europe/London", c.Str("timezone"));
    }

    [Fact]
    public async Task Timezone_defaults_to_the_workspace_and_must_be_iana()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.PatchJsonAsync("/v1/settings", new { timezone = "America/New_York" }).ExpectAsync(HttpStatusCode.OK);
        var contact = await ws.CreateContactAsync(new { email = "tz@example.com" });
        Assert.Equal("America/New_York", contact.Str("timezone"));
        var explicitZone = await ws.CreateContactAsync(new { email = "tz2@example.com", timezone = "Asia/Tokyo" });
        Assert.Equal("Asia/Tokyo", explicitZone.Str("timezone"));
        await ws.Http.PostJsonAsync("/v1/contacts", new { email = "tz3@example.com", timezone = "Mars/Olympus" })
            .ExpectValidationAsync("timezone");
        await ws.Http.PostJsonAsync("/v1/contacts", new { email = "tz3@example.com", timezone = (string?)null })
            .ExpectValidationAsync("timezone");
    }

    [Fact]
    public async Task Subscribing_sets_opted_in_at_unless_the_request_gives_it()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var now = factory.Clock.GetUtcNow();
        var subscribed = await ws.CreateContactAsync(new { email = "s@example.com", email_subscription_status = "subscribed" });
        Assert.Equal("subscribed", subscribed.Str("email_subscription_status"));
        Assert.Equal(now, DateTimeOffset.Parse(subscribed.Str("opted_in_at"), System.Globalization.CultureInfo.InvariantCulture));

        var given = await ws.CreateContactAsync(new
        {
            phone = "+14155550142", sms_subscription_status = "subscribed", opted_in_at = "2025-01-02T03:04:05+02:00",
        });
        Assert.Equal("2025-01-02T01:04:05Z", given.Str("opted_in_at"));

        // Already subscribed: a repeat does not move opted_in_at; unsubscribing keeps it as history.
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var repeat = await ws.Http.PostJsonAsync("/v1/contacts",
            new { email = "s@example.com", email_subscription_status = "subscribed" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(subscribed.Str("opted_in_at"), repeat["contact"]!.Str("opted_in_at"));
        Assert.Equal(subscribed.Str("updated_at"), repeat["contact"]!.Str("updated_at"));

        var plain = await ws.CreateContactAsync(new { email = "p@example.com", email_subscription_status = "unsubscribed" });
        Assert.Null(plain["opted_in_at"]);

        await ws.Http.PostJsonAsync("/v1/contacts", new { email = "p@example.com", email_subscription_status = "yes" })
            .ExpectValidationAsync("email_subscription_status");
        await ws.Http.PostJsonAsync("/v1/contacts", new { email = "p@example.com", sms_subscription_status = (string?)null })
            .ExpectValidationAsync("sms_subscription_status");
        await ws.Http.PostJsonAsync("/v1/contacts", new { email = "p@example.com", opted_in_at = "2025-01-02 03:04" })
            .ExpectValidationAsync("opted_in_at");
        await ws.Http.PostJsonAsync("/v1/contacts", new { email = "p@example.com", opted_in_at = "2025-01-02T03:04:05" })
            .ExpectValidationAsync("opted_in_at");
    }

    [Fact]
    public async Task Lengths_types_and_unknown_members_are_validation_errors()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.PostJsonAsync("/v1/contacts", new { email = "l@example.com", first_name = new string('a', 201) })
            .ExpectValidationAsync("first_name");
        await ws.Http.PostJsonAsync("/v1/contacts", new { email = "l@example.com", last_name = new string('a', 201) })
            .ExpectValidationAsync("last_name");
        await ws.Http.PostJsonAsync("/v1/contacts", new { external_id = new string('x', 256) })
            .ExpectValidationAsync("external_id");
        await ws.Http.PostJsonAsync("/v1/contacts", new { external_id = "" }).ExpectValidationAsync("external_id");
        await ws.Http.PostJsonAsync("/v1/contacts", new { email = "l@example.com", nickname = "x" })
            .ExpectValidationAsync("nickname");
        await ws.Http.PostJsonAsync("/v1/contacts", "{\"email\":42}").ExpectValidationAsync("email");
        await ws.Http.PostJsonAsync("/v1/contacts", "{\"email\":\"l@example.com\",\"fields\":[]}").ExpectValidationAsync("fields");
        await ws.Http.PostJsonAsync("/v1/contacts", "{\"email\":\"l@example.com\",\"fields\":null}").ExpectValidationAsync("fields");
        await ws.Http.PostJsonAsync("/v1/contacts", "{\"email\":").ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
        await ws.Http.PostJsonAsync("/v1/contacts", "[1]").ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await ws.Http.PostJsonAsync("/v1/contacts", "{\"email\":\"l@example.com\",\"fields\":{\"a\":1,\"a\":2}}")
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_json");

        var list = await ws.Http.GetAsync("/v1/contacts").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(list["contacts"]!.AsArray());
    }

    [Fact]
    public async Task Idempotency_key_replays_the_first_creation()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var first = await ws.Http.PostJsonAsync("/v1/contacts", new { email = "idem@example.com" }, "key-1");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var second = await ws.Http.PostJsonAsync("/v1/contacts", new { email = "idem@example.com" }, "key-1");
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Scopes_are_enforced()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var reader = await ws.KeyClientAsync(factory, "secret", "CONTACTS_READ");
        using var events = await ws.KeyClientAsync(factory, "public", "EVENTS_WRITE");
        await reader.PostJsonAsync("/v1/contacts", new { email = "r@example.com" })
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        await reader.GetAsync("/v1/contacts").ExpectAsync(HttpStatusCode.OK);
        await reader.PostJsonAsync("/v1/custom-fields", new { api_name = "plan", label = "Plan", type = "text" })
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        await reader.GetAsync("/v1/custom-fields").ExpectAsync(HttpStatusCode.OK);
        await reader.PostJsonAsync("/v1/events", new { name = "x", email = "r@example.com" })
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        await events.GetAsync("/v1/contacts").ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        await events.PostJsonAsync("/v1/contacts", new { email = "r@example.com" })
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        await events.PostJsonAsync("/v1/events", new { name = "page_viewed", email = "r@example.com" })
            .ExpectAsync(HttpStatusCode.Accepted);
        using var anonymous = factory.CreateClient();
        await anonymous.GetAsync("/v1/contacts").ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
