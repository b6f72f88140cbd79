using System.Net;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Contacts;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Events;

public sealed class EventTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    [Fact]
    public async Task An_event_is_accepted_with_a_server_event_id_and_listed_on_its_contact()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var contact = await ws.CreateContactAsync(new { email = "ev@example.com" });
        var accepted = await ws.Http.PostJsonAsync("/v1/events",
            new { name = "order_placed", contact_id = contact.Str("id"), properties = new { total = 120.5, sku = "A1" } })
            .ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(new[] { "event_id" }, accepted.AsObject().Select(p => p.Key).ToArray());
        var eventId = accepted.Str("event_id");
        Assert.Equal(7, Guid.ParseExact(eventId, "D").Version);

        var list = await ws.Http.GetAsync($"/v1/contacts/{contact.Str("id")}/events").ExpectAsync(HttpStatusCode.OK);
        var only = Assert.Single(list["events"]!.AsArray())!;
        Assert.Equal(new[] { "event_id", "name", "properties", "occurred_at", "created_at" },
            only.AsObject().Select(p => p.Key).ToArray());
        Assert.Equal(eventId, only.Str("event_id"));
        Assert.Equal("order_placed", only.Str("name"));
        Assert.Equal(120.5, only["properties"]!["total"]!.GetValue<double>());
        Assert.Equal(only.Str("created_at"), only.Str("occurred_at"));
        Assert.Equal(1, list["pagination"]!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Events_list_newest_occurred_at_first_with_pages()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var contact = await ws.CreateContactAsync(new { external_id = "pager" });
        foreach (var (name, at) in new[]
                 {
                     ("b", "2026-10-02T00:00:00Z"), ("c", "2026-10-03T00:00:00+02:00"), ("a", "2026-10-01T00:00:00Z"),
                 })
        {
            await ws.Http.PostJsonAsync("/v1/events", new { name, external_id = "pager", occurred_at = at })
                .ExpectAsync(HttpStatusCode.Accepted);
        }

        var path = $"/v1/contacts/{contact.Str("id")}/events";
        var all = await ws.Http.GetAsync(path).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(new[] { "c", "b", "a" }, all["events"]!.AsArray().Select(e => e!.Str("name")).ToArray());
        Assert.Equal("2026-10-02T22:00:00Z", all["events"]![0]!.Str("occurred_at"));
        var second = await ws.Http.GetAsync(path + "?limit=2&page=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("a", Assert.Single(second["events"]!.AsArray())!.Str("name"));
        Assert.Equal(2, second["pagination"]!["total_pages"]!.GetValue<long>());
        await ws.Http.GetAsync(path + "?page=0").ExpectValidationAsync("page");
    }

    [Fact]
    public async Task A_repeated_event_id_is_accepted_and_ignored_per_workspace()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync();
        var contact = await ws.CreateContactAsync(new { email = "dup@example.com" });
        var first = await ws.Http.PostJsonAsync("/v1/events",
            new { name = "paid", email = "dup@example.com", event_id = "inv_1" }).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("inv_1", first.Str("event_id"));
        var repeat = await ws.Http.PostJsonAsync("/v1/events",
                new { name = "something_else", email = "someone.new@example.com", event_id = "inv_1" })
            .ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("inv_1", repeat.Str("event_id"));

        var events = await ws.Http.GetAsync($"/v1/contacts/{contact.Str("id")}/events").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("paid", Assert.Single(events["events"]!.AsArray())!.Str("name"));
        var nobody = await ws.Http.GetAsync("/v1/contacts?email=someone.new@example.com").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(nobody["contacts"]!.AsArray());

        await other.Http.PostJsonAsync("/v1/events", new { name = "paid", email = "dup@example.com", event_id = "inv_1" })
            .ExpectAsync(HttpStatusCode.Accepted);
        var otherContact = await other.Http.GetAsync("/v1/contacts?email=dup@example.com").ExpectAsync(HttpStatusCode.OK);
        var otherEvents = await other.Http
            .GetAsync($"/v1/contacts/{otherContact["contacts"]![0]!.Str("id")}/events").ExpectAsync(HttpStatusCode.OK);
        Assert.Single(otherEvents["events"]!.AsArray());
    }

    [Theory]
    [InlineData("email", "New.Person@Example.com", "new.person@example.com")]
    [InlineData("phone", "+44 20 7946 0958", "+442079460958")]
    [InlineData("external_id", "user_77", "user_77")]
    public async Task An_unknown_identity_creates_the_contact_and_a_known_one_reuses_it(string identity, string value,
        string stored)
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.PostJsonAsync("/v1/events", new JsonObject { ["name"] = "first", [identity] = value })
            .ExpectAsync(HttpStatusCode.Accepted);
        await ws.Http.PostJsonAsync("/v1/events", new JsonObject { ["name"] = "second", [identity] = value })
            .ExpectAsync(HttpStatusCode.Accepted);

        var contacts = await ws.Http.GetAsync("/v1/contacts").ExpectAsync(HttpStatusCode.OK);
        var contact = Assert.Single(contacts["contacts"]!.AsArray())!;
        Assert.Equal(stored, contact.Str(identity));
        Assert.Equal("non_subscribed", contact.Str("email_subscription_status"));
        var events = await ws.Http.GetAsync($"/v1/contacts/{contact.Str("id")}/events").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, events["events"]!.AsArray().Count);
    }

    [Fact]
    public async Task Several_identities_resolve_by_precedence_without_changing_the_contact()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var byExternal = await ws.CreateContactAsync(new { external_id = "ext_1", email = "one@example.com" });
        var byEmail = await ws.CreateContactAsync(new { email = "two@example.com" });

        await ws.Http.PostJsonAsync("/v1/events", new { name = "e", external_id = "ext_1", email = "two@example.com" })
            .ExpectAsync(HttpStatusCode.Accepted);
        await ws.Http.PostJsonAsync("/v1/events", new { name = "e", contact_id = byEmail.Str("id"), external_id = "ext_1" })
            .ExpectAsync(HttpStatusCode.Accepted);
        await ws.Http.PostJsonAsync("/v1/events", new { name = "e", external_id = "ext_new", email = "two@example.com" })
            .ExpectAsync(HttpStatusCode.Accepted);

        Assert.Single((await Events(ws, byExternal.Str("id")))["events"]!.AsArray());
        Assert.Equal(2, (await Events(ws, byEmail.Str("id")))["events"]!.AsArray().Count);
        var one = await ws.Http.GetAsync($"/v1/contacts/{byExternal.Str("id")}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("one@example.com", one.Str("email"));
        var two = await ws.Http.GetAsync($"/v1/contacts/{byEmail.Str("id")}").ExpectAsync(HttpStatusCode.OK);
        Assert.Null(two["external_id"]);
        Assert.Equal(2, (await ws.Http.GetAsync("/v1/contacts").ExpectAsync(HttpStatusCode.OK))["contacts"]!.AsArray().Count);

        // No identity matches: one new contact holds all of them.
        await ws.Http.PostJsonAsync("/v1/events", new { name = "e", external_id = "ext_3", phone = "+14155550133" })
            .ExpectAsync(HttpStatusCode.Accepted);
        var created = await ws.Http.GetAsync("/v1/contacts?external_id=ext_3").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("+14155550133", created["contacts"]![0]!.Str("phone"));
    }

    [Fact]
    public async Task Unknown_foreign_and_malformed_contact_ids_are_404()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync();
        var foreign = await other.CreateContactAsync(new { email = "f@example.com" });
        await ws.Http.PostJsonAsync("/v1/events", new { name = "e", contact_id = Guid.CreateVersion7() })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
        await ws.Http.PostJsonAsync("/v1/events", new { name = "e", contact_id = foreign.Str("id") })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
        await ws.Http.PostJsonAsync("/v1/events", new { name = "e", contact_id = "123", email = "f@example.com" })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
        Assert.Empty((await ws.Http.GetAsync("/v1/contacts").ExpectAsync(HttpStatusCode.OK))["contacts"]!.AsArray());
        await ws.Http.GetAsync($"/v1/contacts/{foreign.Str("id")}/events")
            .ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
    }

    [Fact]
    public async Task Malformed_events_are_rejected_and_write_nothing()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.PostJsonAsync("/v1/events", new { email = "m@example.com" }).ExpectValidationAsync("name");
        await ws.Http.PostJsonAsync("/v1/events", new { name = " ", email = "m@example.com" }).ExpectValidationAsync("name");
        await ws.Http.PostJsonAsync("/v1/events", new { name = new string('n', 201), email = "m@example.com" })
            .ExpectValidationAsync("name");
        await ws.Http.PostJsonAsync("/v1/events", new { name = "e" }).ExpectValidationAsync("");
        await ws.Http.PostJsonAsync("/v1/events", new { name = "e", email = "nope" }).ExpectValidationAsync("email");
        await ws.Http.PostJsonAsync("/v1/events", new { name = "e", phone = "4155550100" }).ExpectValidationAsync("phone");
        await ws.Http.PostJsonAsync("/v1/events", new { name = "e", external_id = new string('x', 256) })
            .ExpectValidationAsync("external_id");
        await ws.Http.PostJsonAsync("/v1/events", new { name = "e", email = "m@example.com", event_id = "" })
            .ExpectValidationAsync("event_id");
        await ws.Http.PostJsonAsync("/v1/events", new { name = "e", email = "m@example.com", event_id = new string('i', 256) })
            .ExpectValidationAsync("event_id");
        await ws.Http.PostJsonAsync("/v1/events", new { name = "e", email = "m@example.com", occurred_at = "yesterday" })
            .ExpectValidationAsync("occurred_at");
        await ws.Http.PostJsonAsync("/v1/events", new { name = "e", email = "m@example.com", occurred_at = "2026-11-22T09:00:00" })
            .ExpectValidationAsync("occurred_at");
        await ws.Http.PostJsonAsync("/v1/events", "{\"name\":\"e\",\"email\":\"m@example.com\",\"properties\":[1]}")
            .ExpectValidationAsync("properties");
        await ws.Http.PostJsonAsync("/v1/events", "{\"name\":\"e\",\"email\":\"m@example.com\",\"properties\":\"x\"}")
            .ExpectValidationAsync("properties");
        await ws.Http.PostJsonAsync("/v1/events", new { name = "e", email = "m@example.com", extra = 1 })
            .ExpectValidationAsync("extra");
        await ws.Http.PostJsonAsync("/v1/events",
                new { name = "e", email = "m@example.com", properties = new { blob = new string('p', 32 * 1024) } })
            .ExpectValidationAsync("properties");
        await ws.Http.PostJsonAsync("/v1/events", "{\"name\":\"e\",\"email\":\"m@example.com\",\"properties\":{\"a\":1,\"a\":2}}")
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
        await ws.Http.PostJsonAsync("/v1/events", "{\"name\":").ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_json");

        Assert.Empty((await ws.Http.GetAsync("/v1/contacts").ExpectAsync(HttpStatusCode.OK))["contacts"]!.AsArray());
        await ws.Http.PostJsonAsync("/v1/events",
                new { name = "e", email = "m@example.com", properties = new { blob = new string('p', 30 * 1024) } })
            .ExpectAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_public_key_may_send_events()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var browser = await ws.KeyClientAsync(factory, "public", "EVENTS_WRITE");
        var accepted = await browser.PostJsonAsync("/v1/events",
            new { name = "page_viewed", external_id = "anon_1", properties = new { path = "/pricing" } })
            .ExpectAsync(HttpStatusCode.Accepted);
        Assert.False(string.IsNullOrEmpty(accepted.Str("event_id")));
        var contact = await ws.Http.GetAsync("/v1/contacts?external_id=anon_1").ExpectAsync(HttpStatusCode.OK);
        Assert.Single(contact["contacts"]!.AsArray());
    }

    private static Task<JsonNode> Events(WorkspaceClient ws, string contactId) =>
        ws.Http.GetAsync($"/v1/contacts/{contactId}/events").ExpectAsync(HttpStatusCode.OK);
}
