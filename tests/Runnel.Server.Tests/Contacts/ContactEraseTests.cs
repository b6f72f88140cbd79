using System.Net;
using Runnel.Core.Contacts;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Contacts;

public sealed class ContactEraseTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    [Fact]
    public async Task Erase_removes_the_contact_its_events_and_list_memberships_and_keeps_only_hashes()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var contact = await ws.CreateContactAsync(new { email = "gone@example.com", phone = "+14155550177", first_name = "Gone" });
        var id = contact.Str("id");
        await ws.Http.PostJsonAsync("/v1/events", new { name = "signed_up", contact_id = id }).ExpectAsync(HttpStatusCode.Accepted);
        var listId = await AddToNewListAsync(ws.WorkspaceId, id);

        await ws.Http.DeleteAsync($"/v1/contacts/{id}").ExpectAsync(HttpStatusCode.NoContent);

        await ws.Http.GetAsync($"/v1/contacts/{id}").ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
        await ws.Http.GetAsync($"/v1/contacts/{id}/events").ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
        await ws.Http.DeleteAsync($"/v1/contacts/{id}").ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
        Assert.Empty((await ws.Http.GetAsync("/v1/contacts?search=gone").ExpectAsync(HttpStatusCode.OK))["contacts"]!.AsArray());

        Assert.Equal(0L, await CountAsync("SELECT COUNT(*) FROM events WHERE contact_id = @p", Guid.Parse(id)));
        Assert.Equal(0L, await CountAsync("SELECT COUNT(*) FROM list_members WHERE list_id = @p", listId));
        Assert.Equal(0L, await CountAsync("SELECT COUNT(*) FROM contacts WHERE email = @p", "gone@example.com"));
        Assert.Equal(1L, await CountAsync(
            "SELECT COUNT(*) FROM suppressions WHERE channel = 'email' AND address_hash = @p",
            Suppressions.Hash("gone@example.com")));
        Assert.Equal(1L, await CountAsync(
            "SELECT COUNT(*) FROM suppressions WHERE channel = 'sms' AND address_hash = @p",
            Suppressions.Hash("+14155550177")));
    }

    [Fact]
    public async Task A_contact_created_again_with_an_erased_address_starts_unsubscribed_unless_told_otherwise()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync();
        var first = await ws.CreateContactAsync(new
        {
            email = "back@example.com", phone = "+14155550188", email_subscription_status = "subscribed",
            sms_subscription_status = "subscribed",
        });
        await ws.Http.DeleteAsync($"/v1/contacts/{first.Str("id")}").ExpectAsync(HttpStatusCode.NoContent);

        var again = await ws.CreateContactAsync(new { email = "Back@Example.com" });
        Assert.Equal("unsubscribed", again.Str("email_subscription_status"));
        Assert.Equal("non_subscribed", again.Str("sms_subscription_status"));

        var byPhone = await ws.CreateContactAsync(new { phone = "+1 415 555 0188" });
        Assert.Equal("unsubscribed", byPhone.Str("sms_subscription_status"));

        // Created through an event, too.
        await ws.Http.DeleteAsync($"/v1/contacts/{again.Str("id")}").ExpectAsync(HttpStatusCode.NoContent);
        await ws.Http.PostJsonAsync("/v1/events", new { name = "visit", email = "back@example.com" })
            .ExpectAsync(HttpStatusCode.Accepted);
        var viaEvent = await ws.Http.GetAsync("/v1/contacts?email=back@example.com").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("unsubscribed", viaEvent["contacts"]![0]!.Str("email_subscription_status"));

        // An explicit status is a fresh opt-in and wins.
        await ws.Http.DeleteAsync($"/v1/contacts/{viaEvent["contacts"]![0]!.Str("id")}").ExpectAsync(HttpStatusCode.NoContent);
        var optedIn = await ws.CreateContactAsync(new { email = "back@example.com", email_subscription_status = "subscribed" });
        Assert.Equal("subscribed", optedIn.Str("email_subscription_status"));

        // Suppression is per workspace.
        var elsewhere = await other.CreateContactAsync(new { email = "back@example.com" });
        Assert.Equal("non_subscribed", elsewhere.Str("email_subscription_status"));
    }

    [Fact]
    public async Task Erase_of_a_foreign_or_malformed_id_is_404_and_changes_nothing()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync();
        var contact = await ws.CreateContactAsync(new { email = "stay@example.com" });
        await other.Http.DeleteAsync($"/v1/contacts/{contact.Str("id")}")
            .ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
        await ws.Http.DeleteAsync("/v1/contacts/not-a-uuid").ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
        await ws.Http.GetAsync($"/v1/contacts/{contact.Str("id")}").ExpectAsync(HttpStatusCode.OK);
    }

    // The lists API is another part of the system; the row it would write is inserted directly.
    private async Task<Guid> AddToNewListAsync(Guid workspaceId, string contactId)
    {
        var listId = Guid.CreateVersion7();
        await factory.ExecuteSqlAsync(
            """
            INSERT INTO lists (id, workspace_id, name, type, rules, created_at, updated_at) VALUES (@listId, @workspaceId, 'VIP', 'static', NULL, 0, 0);
            INSERT INTO list_members (list_id, contact_id, workspace_id, added_at) VALUES (@listId, @contactId, @workspaceId, 0);
            """, new { listId, workspaceId, contactId = Guid.Parse(contactId) });
        return listId;
    }

    private Task<long> CountAsync(string sql, object parameter) => factory.QuerySqlAsync<long>(sql, new { p = parameter });
}
