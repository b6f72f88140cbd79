using System.Net;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Contacts;

public sealed class ContactReadAndPatchTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    [Fact]
    public async Task Get_answers_the_contact_and_404s_for_missing_foreign_and_malformed_ids()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync();
        var contact = await ws.CreateContactAsync(new { email = "get@example.com", first_name = "Grace" });
        var got = await ws.Http.GetAsync($"/v1/contacts/{contact.Str("id")}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(contact.ToJsonString(), got.ToJsonString());
        Assert.Equal(
            new[] { "id", "email", "phone", "external_id", "first_name", "last_name", "timezone",
                "email_subscription_status", "sms_subscription_status", "opted_in_at", "fields", "created_at",
                "updated_at" },
            got.AsObject().Select(p => p.Key).ToArray());

        await other.Http.GetAsync($"/v1/contacts/{contact.Str("id")}")
            .ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
        await ws.Http.GetAsync($"/v1/contacts/{Guid.CreateVersion7()}")
            .ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
        await ws.Http.GetAsync("/v1/contacts/12345").ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
    }

    [Fact]
    public async Task List_pages_newest_first_and_filters()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync();
        await other.CreateContactAsync(new { email = "ada@example.com" });
        var ids = new List<string>();
        foreach (var (email, first, last, phone, external) in new[]
                 {
                     ("ada@example.com", "Ada", "Lovelace", "+14155550001", "u_ada"),
                     ("grace@example.com", "Grace", "Hopper", "+14155550002", "u_grace"),
                     ("zoe@example.org", "Zoë", "Ærøskøbing", "+442079460958", "u_zoe"),
                 })
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
            var c = await ws.CreateContactAsync(new
                { email, first_name = first, last_name = last, phone, external_id = external });
            ids.Add(c.Str("id"));
        }

        var all = await ws.Http.GetAsync("/v1/contacts").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Enumerable.Reverse(ids), Ids(all));
        Assert.Equal(3, all["pagination"]!["total"]!.GetValue<long>());
        Assert.Equal(20, all["pagination"]!["limit"]!.GetValue<int>());

        var page2 = await ws.Http.GetAsync("/v1/contacts?limit=2&page=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(new[] { ids[0] }, Ids(page2));
        Assert.Equal(2, page2["pagination"]!["total_pages"]!.GetValue<long>());

        Assert.Equal(new[] { ids[0] }, Ids(await Get(ws, "/v1/contacts?email=ADA@example.com")));
        Assert.Equal(new[] { ids[1] }, Ids(await Get(ws, "/v1/contacts?phone=%2B1%20(415)%20555-0002")));
        Assert.Equal(new[] { ids[2] }, Ids(await Get(ws, "/v1/contacts?external_id=u_zoe")));
        Assert.Empty(Ids(await Get(ws, "/v1/contacts?external_id=U_ZOE")));
        Assert.Empty(Ids(await Get(ws, "/v1/contacts?phone=4155550002")));
        Assert.Equal(new[] { ids[1] }, Ids(await Get(ws, "/v1/contacts?search=HOPP")));
        Assert.Equal(new[] { ids[2] }, Ids(await Get(ws, "/v1/contacts?search=ærø")));
        Assert.Equal(new[] { ids[2] }, Ids(await Get(ws, "/v1/contacts?search=ZOË")));
        Assert.Equal(new[] { ids[1], ids[0] }, Ids(await Get(ws, "/v1/contacts?search=example.com")));
        Assert.Equal(new[] { ids[0] }, Ids(await Get(ws, "/v1/contacts?search=u_ad")));
        Assert.Equal(new[] { ids[2] }, Ids(await Get(ws, "/v1/contacts?search=2079460")));
        Assert.Equal(new[] { ids[2] }, Ids(await Get(ws, "/v1/contacts?search=zo&email=zoe@example.org")));
        Assert.Empty(Ids(await Get(ws, "/v1/contacts?search=%25")));
        Assert.Equal(3, Ids(await Get(ws, "/v1/contacts?email=&search=")).Length);

        await ws.Http.GetAsync("/v1/contacts?limit=0").ExpectValidationAsync("limit");
        await ws.Http.GetAsync("/v1/contacts?limit=101").ExpectValidationAsync("limit");
        await ws.Http.GetAsync("/v1/contacts?page=abc").ExpectValidationAsync("page");
        await ws.Http.GetAsync("/v1/contacts?email=a@b.co&email=c@d.co").ExpectValidationAsync("email");
        await ws.Http.GetAsync($"/v1/contacts?search={new string('x', 201)}").ExpectValidationAsync("search");
    }

    [Fact]
    public async Task Patch_changes_only_present_members_and_null_clears()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var contact = await ws.CreateContactAsync(new
        {
            email = "patch@example.com", phone = "+14155550111", external_id = "p1", first_name = "Pat",
            last_name = "Ch", timezone = "Europe/Paris",
        });
        var id = contact.Str("id");
        factory.Clock.Advance(TimeSpan.FromMinutes(1));

        var same = await ws.Http.PatchJsonAsync($"/v1/contacts/{id}", new { }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(contact.ToJsonString(), same.ToJsonString());

        var patched = await ws.Http.PatchJsonAsync($"/v1/contacts/{id}",
            new { first_name = "Patricia", phone = (string?)null, email = "New@Example.com" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Patricia", patched.Str("first_name"));
        Assert.Equal("Ch", patched.Str("last_name"));
        Assert.Null(patched["phone"]);
        Assert.Equal("new@example.com", patched.Str("email"));
        Assert.Equal("Europe/Paris", patched.Str("timezone"));
        Assert.Equal(contact.Str("created_at"), patched.Str("created_at"));
        Assert.NotEqual(contact.Str("updated_at"), patched.Str("updated_at"));

        var reread = await ws.Http.GetAsync($"/v1/contacts/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(patched.ToJsonString(), reread.ToJsonString());

        var unsubscribed = await ws.Http.PatchJsonAsync($"/v1/contacts/{id}",
            new { sms_subscription_status = "unsubscribed", opted_in_at = (string?)null, timezone = "Asia/Kolkata" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("unsubscribed", unsubscribed.Str("sms_subscription_status"));
        Assert.Equal("Asia/Kolkata", unsubscribed.Str("timezone"));

        var subscribed = await ws.Http.PatchJsonAsync($"/v1/contacts/{id}", new { email_subscription_status = "subscribed" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(subscribed.Str("updated_at"), subscribed.Str("opted_in_at"));
    }

    [Fact]
    public async Task Patch_rejects_bad_input_conflicts_and_foreign_ids()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync();
        var a = await ws.CreateContactAsync(new { email = "a@example.com", phone = "+14155550121", external_id = "a" });
        var b = await ws.CreateContactAsync(new { email = "b@example.com" });
        var path = $"/v1/contacts/{b.Str("id")}";

        var conflict = await ws.Http.PatchJsonAsync(path, new { email = "A@example.com" })
            .ExpectProblemAsync(HttpStatusCode.Conflict, "contact_identity_conflict");
        Assert.Equal("email", conflict["field"]!.GetValue<string>());
        await ws.Http.PatchJsonAsync(path, new { phone = "+1 415 555 0121" })
            .ExpectProblemAsync(HttpStatusCode.Conflict, "contact_identity_conflict");
        await ws.Http.PatchJsonAsync(path, new { external_id = "a" })
            .ExpectProblemAsync(HttpStatusCode.Conflict, "contact_identity_conflict");

        // Taking over an address after its holder gave it up is fine.
        await ws.Http.PatchJsonAsync($"/v1/contacts/{a.Str("id")}", new { external_id = (string?)null })
            .ExpectAsync(HttpStatusCode.OK);
        var moved = await ws.Http.PatchJsonAsync(path, new { external_id = "a" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("a", moved.Str("external_id"));

        await ws.Http.PatchJsonAsync(path, new { contact_id = a.Str("id") }).ExpectValidationAsync("contact_id");
        await ws.Http.PatchJsonAsync(path, new { timezone = (string?)null }).ExpectValidationAsync("timezone");
        await ws.Http.PatchJsonAsync(path, new { email_subscription_status = (string?)null })
            .ExpectValidationAsync("email_subscription_status");
        await ws.Http.PatchJsonAsync(path, new { phone = "0415 555 0121" }).ExpectValidationAsync("phone");
        await ws.Http.PatchJsonAsync(path, new { first_name = 7 }).ExpectValidationAsync("first_name");
        await ws.Http.PatchJsonAsync(path, "not json").ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_json");

        await other.Http.PatchJsonAsync(path, new { first_name = "Eve" })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
        await ws.Http.PatchJsonAsync("/v1/contacts/nope", new { first_name = "Eve" })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");

        var unchanged = await ws.Http.GetAsync(path).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("b@example.com", unchanged.Str("email"));
        Assert.Null(unchanged["first_name"]);
    }

    [Fact]
    public async Task Memberships_answer_an_empty_page_for_a_contact_and_404_otherwise()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync();
        var contact = await ws.CreateContactAsync(new { email = "m@example.com" });
        var page = await ws.Http.GetAsync($"/v1/contacts/{contact.Str("id")}/memberships?limit=5")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(page["memberships"]!.AsArray());
        Assert.Equal(5, page["pagination"]!["limit"]!.GetValue<int>());
        Assert.Equal(0, page["pagination"]!["total"]!.GetValue<long>());
        Assert.Equal(1, page["pagination"]!["page"]!.GetValue<int>());
        await other.Http.GetAsync($"/v1/contacts/{contact.Str("id")}/memberships")
            .ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
        await ws.Http.GetAsync("/v1/contacts/x/memberships").ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
        await ws.Http.GetAsync($"/v1/contacts/{contact.Str("id")}/memberships?limit=0").ExpectValidationAsync("limit");
    }

    private static Task<JsonNode> Get(WorkspaceClient ws, string path) => ws.Http.GetAsync(path).ExpectAsync(HttpStatusCode.OK);

    private static string[] Ids(JsonNode list) =>
        list["contacts"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToArray();
}
