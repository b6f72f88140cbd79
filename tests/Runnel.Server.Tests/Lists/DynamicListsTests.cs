using System.Net;
using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Lists;

/// <summary>API.md §4 and §6 for dynamic lists: membership computed from contact, list and event rules.</summary>
public sealed class DynamicListsTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    private static string Dynamic(string name, string rules) =>
        $$"""{"name":"{{name}}","type":"dynamic","rules":{{rules}}}""";

    private static async Task<JsonNode> CreateDynamicAsync(WorkspaceClient ws, string name, string rules) =>
        await ws.Http.PostJsonAsync("/v1/lists", Dynamic(name, rules)).ExpectAsync(HttpStatusCode.Created);

    private static async Task<string[]> MemberIdsAsync(WorkspaceClient ws, string listId)
    {
        var page = await ws.Http.GetAsync($"/v1/lists/{listId}/contacts?limit=100").ExpectAsync(HttpStatusCode.OK);
        return page["contacts"]!.AsArray().Select(c => c!.Id()).ToArray();
    }

    private static async Task<long> CountAsync(WorkspaceClient ws, string listId) =>
        (await ws.Http.GetAsync($"/v1/lists/{listId}").ExpectAsync(HttpStatusCode.OK))["member_count"]!
        .GetValue<long>();

    [Fact]
    public async Task A_dynamic_list_holds_the_contacts_that_match_its_rules()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync();
        var ada = await factory.InsertContactAsync(ws.WorkspaceId, "ada@example.com", "Ada",
            new JsonObject { ["plan"] = "pro" }, SubscriptionStatus.Subscribed);
        await factory.InsertContactAsync(ws.WorkspaceId, "bob@example.com", "Bob", new JsonObject { ["plan"] = "free" },
            SubscriptionStatus.Subscribed);
        var eve = await factory.InsertContactAsync(ws.WorkspaceId, "eve@example.org", "Eve",
            new JsonObject { ["plan"] = "Pro" }, SubscriptionStatus.Unsubscribed);
        await factory.InsertContactAsync(other.WorkspaceId, "ada@example.com", "Ada",
            new JsonObject { ["plan"] = "pro" }, SubscriptionStatus.Subscribed);

        const string rules = """
            {"all":[{"source":"contact","field":"plan","operator":"eq","value":"PRO"},
                    {"source":"contact","field":"email_subscription_status","operator":"eq","value":"subscribed"}]}
            """;
        var created = await CreateDynamicAsync(ws, "Subscribed pros", rules);
        Assert.Equal("dynamic", created["type"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(rules), created["rules"]));
        Assert.Equal(1, created["member_count"]!.GetValue<long>());
        var id = created.Id();
        Assert.Equal([ada.Id.ToString()], await MemberIdsAsync(ws, id));

        var patched = await ws.Http.PatchJsonAsync($"/v1/lists/{id}", JsonNode.Parse("""
            {"rules":{"any":[{"source":"contact","field":"plan","operator":"eq","value":"pro"},
                             {"source":"contact","field":"email","operator":"ends_with","value":".ORG"}]}}
            """)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, patched["member_count"]!.GetValue<long>());
        Assert.Equal("Subscribed pros", patched["name"]!.GetValue<string>());
        Assert.Equal([ada.Id.ToString(), eve.Id.ToString()], await MemberIdsAsync(ws, id));

        var renamed = await ws.Http.PatchJsonAsync($"/v1/lists/{id}", new { name = "Pros" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(patched["rules"], renamed["rules"]));

        await ws.Http.PostJsonAsync($"/v1/lists/{id}/contacts", new { contact_ids = new[] { ada.Id } })
            .ExpectProblemAsync(HttpStatusCode.Conflict, "list_not_static");
        await ws.Http.DeleteAsync($"/v1/lists/{id}/contacts/{ada.Id}")
            .ExpectProblemAsync(HttpStatusCode.Conflict, "list_not_static");
        await ws.Http.PatchJsonAsync($"/v1/lists/{id}", new { type = "static" }).ExpectValidationAsync("type");
        await ws.Http.PatchJsonAsync($"/v1/lists/{id}", new { rules = (object?)null }).ExpectValidationAsync("rules");
        await ws.Http.DeleteAsync($"/v1/lists/{id}").ExpectAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Custom_field_definitions_decide_how_values_compare()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await factory.InsertCustomFieldAsync(ws.WorkspaceId, "seats", "number");
        await factory.InsertCustomFieldAsync(ws.WorkspaceId, "renews_on", "date");
        await factory.InsertCustomFieldAsync(ws.WorkspaceId, "code", "text");
        var nine = await factory.InsertContactAsync(ws.WorkspaceId, "nine@example.com", fields: new JsonObject
        {
            ["seats"] = 9, ["renews_on"] = "2026-11-30", ["code"] = "9",
        });
        var ten = await factory.InsertContactAsync(ws.WorkspaceId, "ten@example.com", fields: new JsonObject
        {
            ["seats"] = 10, ["renews_on"] = "2026-12-01", ["code"] = "10",
        });

        var seats = await CreateDynamicAsync(ws, "Big",
            """{"source":"contact","field":"seats","operator":"gt","value":9}""");
        Assert.Equal([ten.Id.ToString()], await MemberIdsAsync(ws, seats.Id()));
        var renews = await CreateDynamicAsync(ws, "Renews before December",
            """{"source":"contact","field":"renews_on","operator":"before","value":"2026-12-01T12:00:00Z"}""");
        Assert.Equal([nine.Id.ToString()], await MemberIdsAsync(ws, renews.Id()));
        var textual = await CreateDynamicAsync(ws, "Code after 2 as text",
            """{"source":"contact","field":"code","operator":"gt","value":"2"}""");
        Assert.Equal([nine.Id.ToString()], await MemberIdsAsync(ws, textual.Id()));
        var numeric = await CreateDynamicAsync(ws, "Code above 2 as a number",
            """{"source":"contact","field":"code","operator":"gt","value":2}""");
        Assert.Equal([nine.Id.ToString(), ten.Id.ToString()], await MemberIdsAsync(ws, numeric.Id()));
        var missing = await CreateDynamicAsync(ws, "No tier",
            """{"source":"contact","field":"tier","operator":"is_not_set"}""");
        Assert.Equal(2, missing["member_count"]!.GetValue<long>());
    }

    [Fact]
    public async Task List_rules_follow_static_membership_and_protect_the_lists_they_name()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var vip = (await ws.Http.PostJsonAsync("/v1/lists", new { name = "VIP", type = "static" })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var ada = await factory.InsertContactAsync(ws.WorkspaceId, "ada@example.com");
        var bob = await factory.InsertContactAsync(ws.WorkspaceId, "bob@example.com");

        var inVip = (await CreateDynamicAsync(ws, "In VIP",
            $$"""{"source":"list","list_id":"{{vip}}","operator":"in"}""")).Id();
        var notVip = (await CreateDynamicAsync(ws, "Not VIP",
            $$"""{"source":"list","list_id":"{{vip}}","operator":"not_in"}""")).Id();
        Assert.Equal(0, await CountAsync(ws, inVip));
        Assert.Equal(2, await CountAsync(ws, notVip));

        await ws.Http.PostJsonAsync($"/v1/lists/{vip}/contacts", new { contact_ids = new[] { bob.Id } })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([bob.Id.ToString()], await MemberIdsAsync(ws, inVip));
        Assert.Equal([ada.Id.ToString()], await MemberIdsAsync(ws, notVip));

        var problem = await ws.Http.DeleteAsync($"/v1/lists/{vip}").ExpectProblemAsync(HttpStatusCode.Conflict,
            "list_in_use");
        Assert.Contains("In VIP", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await ws.Http.DeleteAsync($"/v1/lists/{inVip}").ExpectAsync(HttpStatusCode.NoContent);
        await ws.Http.PatchJsonAsync($"/v1/lists/{notVip}",
                JsonNode.Parse("""{"rules":{"source":"contact","field":"email","operator":"is_set"}}"""))
            .ExpectAsync(HttpStatusCode.OK);
        await ws.Http.DeleteAsync($"/v1/lists/{vip}").ExpectAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Dynamic_lists_may_name_dynamic_lists_but_never_in_a_cycle()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await factory.InsertContactAsync(ws.WorkspaceId, "ada@example.com",
            fields: new JsonObject { ["plan"] = "pro" });
        var bob = await factory.InsertContactAsync(ws.WorkspaceId, "bob@example.org",
            fields: new JsonObject { ["plan"] = "pro" });
        await factory.InsertContactAsync(ws.WorkspaceId, "eve@example.org");

        var pros = (await CreateDynamicAsync(ws, "Pros",
            """{"source":"contact","field":"plan","operator":"eq","value":"pro"}""")).Id();
        var orgPros = (await CreateDynamicAsync(ws, "Org pros", $$"""
            {"all":[{"source":"list","list_id":"{{pros}}","operator":"in"},
                    {"source":"contact","field":"email","operator":"ends_with","value":".org"}]}
            """)).Id();
        Assert.Equal([bob.Id.ToString()], await MemberIdsAsync(ws, orgPros));
        var top = (await CreateDynamicAsync(ws, "Top",
            $$"""{"source":"list","list_id":"{{orgPros}}","operator":"in"}""")).Id();
        Assert.Equal(1, await CountAsync(ws, top));

        await ws.Http.PatchJsonAsync($"/v1/lists/{pros}",
                JsonNode.Parse($$$"""{"rules":{"any":[{"source":"list","list_id":"{{{top}}}","operator":"in"}]}}"""))
            .ExpectValidationAsync("rules.any[0].list_id");
        await ws.Http.PatchJsonAsync($"/v1/lists/{pros}",
                JsonNode.Parse($$$"""{"rules":{"source":"list","list_id":"{{{pros}}}","operator":"not_in"}}"""))
            .ExpectValidationAsync("rules.list_id");
        Assert.Equal(2, await CountAsync(ws, pros));

        await ws.Http.DeleteAsync($"/v1/lists/{pros}").ExpectProblemAsync(HttpStatusCode.Conflict, "list_in_use");
        await ws.Http.DeleteAsync($"/v1/lists/{orgPros}").ExpectProblemAsync(HttpStatusCode.Conflict, "list_in_use");
        await ws.Http.DeleteAsync($"/v1/lists/{top}").ExpectAsync(HttpStatusCode.NoContent);
        await ws.Http.DeleteAsync($"/v1/lists/{orgPros}").ExpectAsync(HttpStatusCode.NoContent);
        await ws.Http.DeleteAsync($"/v1/lists/{pros}").ExpectAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Event_rules_count_matching_events_within_their_window()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync();
        var ada = await factory.InsertContactAsync(ws.WorkspaceId, "ada@example.com");
        var bob = await factory.InsertContactAsync(ws.WorkspaceId, "bob@example.com");
        var now = factory.Clock.GetUtcNow();
        await factory.InsertEventAsync(ws.WorkspaceId, ada.Id, "order_placed", now.AddDays(-1), """{"total":120}""");
        await factory.InsertEventAsync(ws.WorkspaceId, ada.Id, "order_placed", now.AddDays(-10), """{"total":80}""");
        await factory.InsertEventAsync(ws.WorkspaceId, bob.Id, "order_placed", now.AddDays(-40), """{"total":500}""");
        await factory.InsertEventAsync(ws.WorkspaceId, bob.Id, "page_viewed", now.AddDays(-1));
        var stranger = await factory.InsertContactAsync(other.WorkspaceId, "stranger@example.com");
        await factory.InsertEventAsync(other.WorkspaceId, stranger.Id, "order_placed", now.AddDays(-1),
            """{"total":900}""");

        var bigRecent = (await CreateDynamicAsync(ws, "Big recent order", """
            {"source":"event","name":"order_placed","operator":"performed","within_days":30,
             "where":[{"property":"total","operator":"gte","value":100}]}
            """)).Id();
        var twoOrders = (await CreateDynamicAsync(ws, "Two orders",
            """{"source":"event","name":"order_placed","operator":"performed","min_count":2}""")).Id();
        var lapsed = (await CreateDynamicAsync(ws, "No order this month",
            """{"source":"event","name":"order_placed","operator":"not_performed","within_days":30}""")).Id();
        var everBig = (await CreateDynamicAsync(ws, "Ever big", """
            {"source":"event","name":"order_placed","operator":"performed",
             "where":[{"property":"total","operator":"gte","value":100}]}
            """)).Id();

        Assert.Equal([ada.Id.ToString()], await MemberIdsAsync(ws, bigRecent));
        Assert.Equal([ada.Id.ToString()], await MemberIdsAsync(ws, twoOrders));
        Assert.Equal([bob.Id.ToString()], await MemberIdsAsync(ws, lapsed));
        Assert.Equal([ada.Id.ToString(), bob.Id.ToString()], await MemberIdsAsync(ws, everBig));

        factory.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Empty(await MemberIdsAsync(ws, bigRecent));
        Assert.Equal([ada.Id.ToString(), bob.Id.ToString()], await MemberIdsAsync(ws, lapsed));
        Assert.Equal(2, await CountAsync(ws, everBig));
    }

    [Fact]
    public async Task Rules_are_validated_with_the_path_of_each_problem()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync();
        var foreignList = (await other.Http.PostJsonAsync("/v1/lists", new { name = "Theirs", type = "static" })
            .ExpectAsync(HttpStatusCode.Created)).Id();

        await ws.Http.PostJsonAsync("/v1/lists", new { name = "x", type = "dynamic" }).ExpectValidationAsync("rules");
        await ws.Http.PostJsonAsync("/v1/lists", Dynamic("x", "null")).ExpectValidationAsync("rules");
        var problem = await ws.Http.PostJsonAsync("/v1/lists", Dynamic("x", """
            {"all":[{"source":"contact","field":"plan","operator":"eq"},
                    {"source":"contact","field":"plan","operator":"resembles","value":"pro"},
                    {"source":"event","name":"","operator":"performed","within_days":0}]}
            """)).ExpectValidationAsync("rules.all[0].value");
        var paths = problem["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).ToArray();
        Assert.Equal(["rules.all[0].value", "rules.all[1].operator", "rules.all[2].name", "rules.all[2].within_days"],
            paths);

        await ws.Http.PostJsonAsync("/v1/lists", Dynamic("x", """{"all":[]}""")).ExpectValidationAsync("rules.all");
        await ws.Http.PostJsonAsync("/v1/lists",
                Dynamic("x", """{"source":"context","field":"cart","operator":"is_set"}"""))
            .ExpectValidationAsync("rules.source");
        await ws.Http.PostJsonAsync("/v1/lists",
                Dynamic("x", """{"source":"email_step","step_id":"s1","operator":"opened"}"""))
            .ExpectValidationAsync("rules.source");
        await ws.Http.PostJsonAsync("/v1/lists", Dynamic("x", """{"source":"crm","field":"plan"}"""))
            .ExpectValidationAsync("rules");
        await ws.Http.PostJsonAsync("/v1/lists",
                Dynamic("x", """{"source":"contact","field":"plan","operator":"is_set","colour":"red"}"""))
            .ExpectValidationAsync("rules");
        await ws.Http.PostJsonAsync("/v1/lists", Dynamic("x", "[1]")).ExpectValidationAsync("rules");

        var deep = """{"source":"contact","field":"plan","operator":"is_set"}""";
        for (var i = 0; i < 10; i++)
        {
            deep = $$"""{"not":{{deep}}}""";
        }

        await ws.Http.PostJsonAsync("/v1/lists", Dynamic("x", deep))
            .ExpectValidationAsync("rules" + string.Concat(Enumerable.Repeat(".not", 10)));
        var leaves = string.Join(",",
            Enumerable.Repeat("""{"source":"contact","field":"plan","operator":"is_set"}""", 101));
        await ws.Http.PostJsonAsync("/v1/lists", Dynamic("x", $$"""{"any":[{{leaves}}]}"""))
            .ExpectValidationAsync("rules");

        await ws.Http.PostJsonAsync("/v1/lists", Dynamic("x", $$"""
            {"any":[{"source":"contact","field":"plan","operator":"is_set"},
                    {"source":"list","list_id":"{{foreignList}}","operator":"in"}]}
            """)).ExpectValidationAsync("rules.any[1].list_id");
        await ws.Http.PostJsonAsync("/v1/lists",
                Dynamic("x", $$"""{"source":"list","list_id":"{{Guid.CreateVersion7()}}","operator":"in"}"""))
            .ExpectValidationAsync("rules.list_id");
        await ws.Http.PostJsonAsync("/v1/lists", Dynamic("x", """{"source":"list","list_id":"vip","operator":"in"}"""))
            .ExpectValidationAsync("rules.list_id");

        var lists = await ws.Http.GetAsync("/v1/lists").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(lists["lists"]!.AsArray());

        var valid = (await CreateDynamicAsync(ws, "Valid",
            """{"source":"contact","field":"plan","operator":"is_set"}""")).Id();
        await ws.Http.PatchJsonAsync($"/v1/lists/{valid}", JsonNode.Parse(
                """{"rules":{"any":[{"source":"contact","field":"plan","operator":"gt","value":true}]}}"""))
            .ExpectValidationAsync("rules.any[0].value");
        await ws.Http.PatchJsonAsync($"/v1/lists/{valid}", JsonNode.Parse("""{"rules":{"source":"crm"}}"""))
            .ExpectValidationAsync("rules");
        await ws.Http.PatchJsonAsync($"/v1/lists/{valid}", JsonNode.Parse("""{"rules":[]}"""))
            .ExpectValidationAsync("rules");
        var unchanged = await ws.Http.GetAsync($"/v1/lists/{valid}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("is_set", unchanged["rules"]!["operator"]!.GetValue<string>());
    }

    [Fact]
    public async Task Membership_streams_past_one_batch_and_pages_in_id_order()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var contacts = await factory.InsertContactsAsync(ws.WorkspaceId, 1201, i => new JsonObject { ["n"] = i });
        var half = (await CreateDynamicAsync(ws, "Upper half",
            """{"source":"contact","field":"n","operator":"gte","value":600}""")).Id();
        var everyone = (await CreateDynamicAsync(ws, "Everyone",
            """{"source":"contact","field":"email","operator":"is_set"}""")).Id();
        var listed = await ws.Http.GetAsync("/v1/lists").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([601L, 1201L], listed["lists"]!.AsArray().Select(l => l!["member_count"]!.GetValue<long>()));

        var first = await ws.Http.GetAsync($"/v1/lists/{half}/contacts?limit=100").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(contacts[600].Id.ToString(), first["contacts"]![0]!.Id());
        Assert.Equal(contacts[699].Id.ToString(), first["contacts"]![99]!.Id());
        Assert.Equal("""{"page":1,"limit":100,"total":601,"total_pages":7}""", first["pagination"]!.ToJsonString());
        var last = await ws.Http.GetAsync($"/v1/lists/{half}/contacts?limit=100&page=7").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([contacts[1200].Id.ToString()], last["contacts"]!.AsArray().Select(c => c!.Id()));
        var beyond = await ws.Http.GetAsync($"/v1/lists/{half}/contacts?limit=100&page=8")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(beyond["contacts"]!.AsArray());
        var middle = await ws.Http.GetAsync($"/v1/lists/{everyone}/contacts?limit=10&page=50")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(contacts.Skip(490).Take(10).Select(c => c.Id.ToString()),
            middle["contacts"]!.AsArray().Select(c => c!.Id()));
    }
}
