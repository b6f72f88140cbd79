using System.Net;
using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Json;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Lists;

/// <summary>API.md §4 for static lists: the list resource, its members, and every error the endpoints answer.</summary>
public sealed class StaticListsTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    private static async Task<string> CreateStaticAsync(WorkspaceClient ws, string name = "Newsletter") =>
        (await ws.Http.PostJsonAsync("/v1/lists", new { name, type = "static" }).ExpectAsync(HttpStatusCode.Created))
        .Id();

    [Fact]
    public async Task A_static_list_is_created_read_listed_renamed_and_deleted()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var now = factory.Clock.GetUtcNow();
        var created = await ws.Http.PostJsonAsync("/v1/lists", new { name = "  Newsletter ", type = "static" })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(["id", "name", "type", "rules", "member_count", "created_at", "updated_at"],
            created.AsObject().Select(p => p.Key));
        Assert.Equal("Newsletter", created["name"]!.GetValue<string>());
        Assert.Equal("static", created["type"]!.GetValue<string>());
        Assert.Null(created["rules"]);
        Assert.Equal(0, created["member_count"]!.GetValue<long>());
        Assert.Equal(UtcTimestampConverter.Format(now), created["created_at"]!.GetValue<string>());
        Assert.Equal(UtcTimestampConverter.Format(now), created["updated_at"]!.GetValue<string>());
        var id = created.Id();
        Assert.Equal(7, Guid.Parse(id).Version);

        var read = await ws.Http.GetAsync($"/v1/lists/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(created.ToJsonString(), read.ToJsonString());

        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var renamed = await ws.Http.PatchJsonAsync($"/v1/lists/{id}", new { name = "Weekly newsletter" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Weekly newsletter", renamed["name"]!.GetValue<string>());
        Assert.Equal(created["created_at"]!.GetValue<string>(), renamed["created_at"]!.GetValue<string>());
        Assert.NotEqual(created["updated_at"]!.GetValue<string>(), renamed["updated_at"]!.GetValue<string>());
        var sameType = await ws.Http.PatchJsonAsync($"/v1/lists/{id}", new { type = "static" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Weekly newsletter", sameType["name"]!.GetValue<string>());

        await ws.Http.DeleteAsync($"/v1/lists/{id}").ExpectAsync(HttpStatusCode.NoContent);
        await ws.Http.GetAsync($"/v1/lists/{id}").ExpectProblemAsync(HttpStatusCode.NotFound, "list_not_found");
        await ws.Http.DeleteAsync($"/v1/lists/{id}").ExpectProblemAsync(HttpStatusCode.NotFound, "list_not_found");
    }

    [Fact]
    public async Task Lists_are_paged_oldest_first_with_member_counts()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await CreateStaticAsync(ws, $"List {i}"));
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var contact = await factory.InsertContactAsync(ws.WorkspaceId, "a@example.com");
        await ws.Http.PostJsonAsync($"/v1/lists/{ids[1]}/contacts", new { contact_ids = new[] { contact.Id } })
            .ExpectAsync(HttpStatusCode.OK);

        var first = await ws.Http.GetAsync("/v1/lists?limit=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([ids[0], ids[1]], first["lists"]!.AsArray().Select(l => l!.Id()));
        Assert.Equal([0L, 1L], first["lists"]!.AsArray().Select(l => l!["member_count"]!.GetValue<long>()));
        Assert.Equal("""{"page":1,"limit":2,"total":3,"total_pages":2}""", first["pagination"]!.ToJsonString());
        var second = await ws.Http.GetAsync("/v1/lists?limit=2&page=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([ids[2]], second["lists"]!.AsArray().Select(l => l!.Id()));
        await ws.Http.GetAsync("/v1/lists?limit=101").ExpectValidationAsync("limit");
        await ws.Http.GetAsync("/v1/lists?page=0").ExpectValidationAsync("page");
    }

    [Fact]
    public async Task Contacts_are_added_counted_listed_and_removed()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var list = await CreateStaticAsync(ws);
        var ada = await factory.InsertContactAsync(ws.WorkspaceId, "ada@example.com", "Ada",
            new JsonObject { ["plan"] = "pro" }, SubscriptionStatus.Subscribed);
        var bob = await factory.InsertContactAsync(ws.WorkspaceId, "bob@example.com");
        var eve = await factory.InsertContactAsync(ws.WorkspaceId, "eve@example.com");

        var first = await ws.Http.PostJsonAsync($"/v1/lists/{list}/contacts",
            new { contact_ids = new[] { ada.Id, bob.Id, ada.Id } }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("""{"added":2,"already_present":0}""", first.ToJsonString());
        var again = await ws.Http.PostJsonAsync($"/v1/lists/{list}/contacts",
            new { contact_ids = new[] { bob.Id, eve.Id } }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("""{"added":1,"already_present":1}""", again.ToJsonString());

        var read = await ws.Http.GetAsync($"/v1/lists/{list}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, read["member_count"]!.GetValue<long>());

        var page = await ws.Http.GetAsync($"/v1/lists/{list}/contacts?limit=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([ada.Id.ToString(), bob.Id.ToString()], page["contacts"]!.AsArray().Select(c => c!.Id()));
        Assert.Equal("""{"page":1,"limit":2,"total":3,"total_pages":2}""", page["pagination"]!.ToJsonString());
        var first0 = page["contacts"]![0]!;
        Assert.Equal(
            ["id", "email", "phone", "external_id", "first_name", "last_name", "timezone", "email_subscription_status",
                "sms_subscription_status", "opted_in_at", "fields", "created_at", "updated_at"],
            first0.AsObject().Select(p => p.Key));
        Assert.Equal("ada@example.com", first0["email"]!.GetValue<string>());
        Assert.Equal("subscribed", first0["email_subscription_status"]!.GetValue<string>());
        Assert.Equal("non_subscribed", first0["sms_subscription_status"]!.GetValue<string>());
        Assert.Equal("""{"plan":"pro"}""", first0["fields"]!.ToJsonString());
        var rest = await ws.Http.GetAsync($"/v1/lists/{list}/contacts?limit=2&page=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([eve.Id.ToString()], rest["contacts"]!.AsArray().Select(c => c!.Id()));

        await ws.Http.DeleteAsync($"/v1/lists/{list}/contacts/{bob.Id}").ExpectAsync(HttpStatusCode.NoContent);
        await ws.Http.DeleteAsync($"/v1/lists/{list}/contacts/{bob.Id}")
            .ExpectProblemAsync(HttpStatusCode.NotFound, "list_member_not_found");
        await ws.Http.DeleteAsync($"/v1/lists/{list}/contacts/not-a-uuid")
            .ExpectProblemAsync(HttpStatusCode.NotFound, "list_member_not_found");
        var after = await ws.Http.GetAsync($"/v1/lists/{list}/contacts").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([ada.Id.ToString(), eve.Id.ToString()], after["contacts"]!.AsArray().Select(c => c!.Id()));
    }

    [Fact]
    public async Task One_unknown_contact_adds_nobody_and_is_named()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync();
        var list = await CreateStaticAsync(ws);
        var ada = await factory.InsertContactAsync(ws.WorkspaceId, "ada@example.com");
        var foreign = await factory.InsertContactAsync(other.WorkspaceId, "ada@example.com");
        var unknown = Guid.CreateVersion7();

        var problem = await ws.Http.PostJsonAsync($"/v1/lists/{list}/contacts",
                new { contact_ids = new[] { ada.Id, unknown } })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
        Assert.Equal(unknown.ToString(), problem["contact_id"]!.GetValue<string>());
        Assert.Contains(unknown.ToString(), problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var cross = await ws.Http.PostJsonAsync($"/v1/lists/{list}/contacts",
                new { contact_ids = new[] { foreign.Id } })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
        Assert.Equal(foreign.Id.ToString(), cross["contact_id"]!.GetValue<string>());

        var read = await ws.Http.GetAsync($"/v1/lists/{list}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, read["member_count"]!.GetValue<long>());
    }

    [Fact]
    public async Task Contact_ids_are_validated()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var list = await CreateStaticAsync(ws);
        var ada = await factory.InsertContactAsync(ws.WorkspaceId, "ada@example.com");
        var path = $"/v1/lists/{list}/contacts";

        await ws.Http.PostJsonAsync(path, new { }).ExpectValidationAsync("contact_ids");
        await ws.Http.PostJsonAsync(path, new { contact_ids = Array.Empty<string>() })
            .ExpectValidationAsync("contact_ids");
        await ws.Http.PostJsonAsync(path, new { contact_ids = (string[]?)null }).ExpectValidationAsync("contact_ids");
        await ws.Http.PostJsonAsync(path, new { contact_ids = new[] { ada.Id.ToString(), "nope" } })
            .ExpectValidationAsync("contact_ids[1]");
        await ws.Http.PostJsonAsync(path, """{"contact_ids":[42]}""").ExpectValidationAsync("contact_ids[0]");
        await ws.Http.PostJsonAsync(path, """{"contact_ids":"x"}""").ExpectValidationAsync("contact_ids");
        await ws.Http.PostJsonAsync(path, new { contact_ids = new[] { ada.Id }, extra = 1 })
            .ExpectValidationAsync("extra");
        await ws.Http.PostJsonAsync(path, "{\"contact_ids\":[")
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_json");

        var bulk = await factory.InsertContactsAsync(ws.WorkspaceId, 1000, _ => []);
        var tooMany = bulk.Select(c => c.Id).Append(ada.Id).ToArray();
        await ws.Http.PostJsonAsync(path, new { contact_ids = tooMany }).ExpectValidationAsync("contact_ids");
        var most = bulk.Select(c => c.Id).ToArray();
        var ok = await ws.Http.PostJsonAsync(path, new { contact_ids = most }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("""{"added":1000,"already_present":0}""", ok.ToJsonString());
        var repeated = Enumerable.Range(0, 1000).Select(_ => ada.Id).ToArray();
        var once = await ws.Http.PostJsonAsync(path, new { contact_ids = repeated }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("""{"added":1,"already_present":0}""", once.ToJsonString());
        var read = await ws.Http.GetAsync($"/v1/lists/{list}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1001, read["member_count"]!.GetValue<long>());
    }

    [Fact]
    public async Task Create_and_update_are_validated()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.PostJsonAsync("/v1/lists", new { type = "static" }).ExpectValidationAsync("name");
        await ws.Http.PostJsonAsync("/v1/lists", new { name = " ", type = "static" }).ExpectValidationAsync("name");
        await ws.Http.PostJsonAsync("/v1/lists", new { name = new string('x', 201), type = "static" })
            .ExpectValidationAsync("name");
        await ws.Http.PostJsonAsync("/v1/lists", new { name = "x" }).ExpectValidationAsync("type");
        await ws.Http.PostJsonAsync("/v1/lists", new { name = "x", type = "segment" }).ExpectValidationAsync("type");
        await ws.Http.PostJsonAsync("/v1/lists", new { name = "x", type = "static", color = "red" })
            .ExpectValidationAsync("color");
        await ws.Http.PostJsonAsync("/v1/lists", new { name = 5, type = "static" }).ExpectValidationAsync("name");
        await ws.Http.PostJsonAsync("/v1/lists", new
        {
            name = "x", type = "static", rules = new { source = "contact", field = "plan", @operator = "is_set" },
        }).ExpectValidationAsync("rules");
        await ws.Http.PostJsonAsync("/v1/lists", "{\"name\":\"x\"").ExpectProblemAsync(HttpStatusCode.BadRequest,
            "invalid_json");
        var lists = await ws.Http.GetAsync("/v1/lists").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(lists["lists"]!.AsArray());

        var id = await CreateStaticAsync(ws);
        await ws.Http.PatchJsonAsync($"/v1/lists/{id}", new { type = "dynamic" }).ExpectValidationAsync("type");
        await ws.Http.PatchJsonAsync($"/v1/lists/{id}", new { type = "other" }).ExpectValidationAsync("type");
        await ws.Http.PatchJsonAsync($"/v1/lists/{id}", new { name = (string?)null }).ExpectValidationAsync("name");
        await ws.Http.PatchJsonAsync($"/v1/lists/{id}", new { name = 5 }).ExpectValidationAsync("name");
        await ws.Http.PatchJsonAsync($"/v1/lists/{id}", new { member_count = 3 }).ExpectValidationAsync("member_count");
        await ws.Http.PatchJsonAsync($"/v1/lists/{id}",
            new { rules = new { source = "contact", field = "plan", @operator = "is_set" } })
            .ExpectValidationAsync("rules");
        var unchanged = await ws.Http.GetAsync($"/v1/lists/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Newsletter", unchanged["name"]!.GetValue<string>());
        Assert.Equal("static", unchanged["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_workspaces_lists_and_malformed_ids_answer_404()
    {
        using var a = await factory.NewWorkspaceAsync();
        using var b = await factory.NewWorkspaceAsync();
        var list = await CreateStaticAsync(a);
        var contact = await factory.InsertContactAsync(a.WorkspaceId, "ada@example.com");
        await a.Http.PostJsonAsync($"/v1/lists/{list}/contacts", new { contact_ids = new[] { contact.Id } })
            .ExpectAsync(HttpStatusCode.OK);

        foreach (var id in new[] { list, "not-a-uuid", Guid.CreateVersion7().ToString() })
        {
            await b.Http.GetAsync($"/v1/lists/{id}").ExpectProblemAsync(HttpStatusCode.NotFound, "list_not_found");
            await b.Http.GetAsync($"/v1/lists/{id}/contacts")
                .ExpectProblemAsync(HttpStatusCode.NotFound, "list_not_found");
            await b.Http.PatchJsonAsync($"/v1/lists/{id}", new { name = "mine" })
                .ExpectProblemAsync(HttpStatusCode.NotFound, "list_not_found");
            await b.Http.DeleteAsync($"/v1/lists/{id}").ExpectProblemAsync(HttpStatusCode.NotFound, "list_not_found");
            await b.Http.PostJsonAsync($"/v1/lists/{id}/contacts", new { contact_ids = new[] { contact.Id } })
                .ExpectProblemAsync(HttpStatusCode.NotFound, "list_not_found");
            await b.Http.DeleteAsync($"/v1/lists/{id}/contacts/{contact.Id}")
                .ExpectProblemAsync(HttpStatusCode.NotFound, "list_not_found");
        }

        var listedByB = await b.Http.GetAsync("/v1/lists").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(listedByB["lists"]!.AsArray());
        var stillA = await a.Http.GetAsync($"/v1/lists/{list}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Newsletter", stillA["name"]!.GetValue<string>());
        Assert.Equal(1, stillA["member_count"]!.GetValue<long>());
    }

    [Fact]
    public async Task Reading_needs_lists_read_and_writing_needs_lists_write()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var list = await CreateStaticAsync(ws);
        var key = await ws.Http.PostJsonAsync("/v1/api-keys",
                new { name = "reader", kind = "secret", scopes = new[] { "LISTS_READ" } })
            .ExpectAsync(HttpStatusCode.Created);
        using var reader = factory.ClientWithKey(key["key"]!.GetValue<string>());
        await reader.GetAsync("/v1/lists").ExpectAsync(HttpStatusCode.OK);
        await reader.GetAsync($"/v1/lists/{list}").ExpectAsync(HttpStatusCode.OK);
        await reader.GetAsync($"/v1/lists/{list}/contacts").ExpectAsync(HttpStatusCode.OK);
        await reader.PostJsonAsync("/v1/lists", new { name = "x", type = "static" })
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        await reader.PatchJsonAsync($"/v1/lists/{list}", new { name = "x" })
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        await reader.DeleteAsync($"/v1/lists/{list}").ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        await reader.PostJsonAsync($"/v1/lists/{list}/contacts", new { contact_ids = new[] { Guid.CreateVersion7() } })
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        await reader.DeleteAsync($"/v1/lists/{list}/contacts/{Guid.CreateVersion7()}")
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");

        var writerKey = await ws.Http.PostJsonAsync("/v1/api-keys",
                new { name = "writer", kind = "secret", scopes = new[] { "LISTS_WRITE" } })
            .ExpectAsync(HttpStatusCode.Created);
        using var writer = factory.ClientWithKey(writerKey["key"]!.GetValue<string>());
        await writer.GetAsync("/v1/lists").ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        await writer.PostJsonAsync("/v1/lists", new { name = "x", type = "static" })
            .ExpectAsync(HttpStatusCode.Created);

        using var anonymous = factory.CreateClient();
        await anonymous.GetAsync("/v1/lists").ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_repeated_create_with_an_idempotency_key_makes_one_list()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var body = new { name = "Once", type = "static" };
        var first = await ws.Http.PostJsonAsync("/v1/lists", body, "create-once").ExpectAsync(HttpStatusCode.Created);
        var second = await ws.Http.PostJsonAsync("/v1/lists", body, "create-once").ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(first.Id(), second.Id());
        var lists = await ws.Http.GetAsync("/v1/lists").ExpectAsync(HttpStatusCode.OK);
        Assert.Single(lists["lists"]!.AsArray());
    }
}
