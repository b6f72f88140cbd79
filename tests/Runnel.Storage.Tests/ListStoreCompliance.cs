using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Json;
using Runnel.Core.Lists;
using Runnel.Core.Rules;
using Runnel.Core.Storage;
using Runnel.Core.Workspaces;
using Runnel.Storage.Tests.Backends;

namespace Runnel.Storage.Tests;

/// <summary>Lists, their members and references, and the bulk rule facts loader.</summary>
public abstract class ListStoreCompliance : StoreTestBase
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly Workspace _workspace =
        new(Guid.CreateVersion7(), "w", "UTC", null, null, null, null, false, Now, Now);

    protected ListStoreCompliance(StoreBackend backend)
        : base(backend)
    {
        Write(s => s.Workspaces.InsertAsync(_workspace));
    }

    private void Write(Func<IStoreSession, Task> work) => Store.WriteAsync(async s =>
    {
        await work(s);
        return true;
    }).GetAwaiter().GetResult();

    private Contact NewContact(int i) => new(Guid.CreateVersion7(Now.AddMilliseconds(i)), _workspace.Id,
        $"c{i}@example.com", null, null, null, null, "UTC", SubscriptionStatus.NonSubscribed,
        SubscriptionStatus.NonSubscribed, null, new JsonObject { ["i"] = i }, Now, Now);

    private ContactList NewList(string name, string? rules = null) => new(Guid.CreateVersion7(), _workspace.Id, name,
        rules is null ? ListType.Static : ListType.Dynamic,
        rules is null ? null : RunnelJson.Deserialize<RuleNode>(rules), Now, Now);

    [Fact]
    public async Task Lists_round_trip_with_their_rules_and_references()
    {
        var vip = NewList("VIP");
        var segment = NewList("In VIP", $$"""{"all":[{"source":"list","list_id":"{{vip.Id}}","operator":"in"}]}""");
        Write(async s =>
        {
            await s.Lists.InsertAsync(vip);
            await s.Lists.InsertAsync(segment);
        });

        var read = await Store.ReadAsync(s => s.Lists.GetAsync(_workspace.Id, segment.Id));
        Assert.Equal(ListType.Dynamic, read!.Type);
        Assert.Equal(RunnelJson.Serialize(segment.Rules), RunnelJson.Serialize(read.Rules));
        Assert.Null(await Store.ReadAsync(s => s.Lists.GetAsync(Guid.CreateVersion7(), segment.Id)));
        Assert.Equal([segment.Id],
            (await Store.ReadAsync(s => s.Lists.ListDynamicAsync(_workspace.Id))).Select(l => l.Id));
        Assert.Contains("In VIP", await Store.ReadAsync(s => s.Lists.FindUseAsync(_workspace.Id, vip.Id)),
            StringComparison.Ordinal);
        Assert.Null(await Store.ReadAsync(s => s.Lists.FindUseAsync(_workspace.Id, segment.Id)));

        Write(s => s.Lists.UpdateAsync(segment with
        {
            Rules = RunnelJson.Deserialize<RuleNode>("""{"source":"contact","field":"email","operator":"is_set"}"""),
        }));
        Assert.Null(await Store.ReadAsync(s => s.Lists.FindUseAsync(_workspace.Id, vip.Id)));
        Assert.True(await Store.WriteAsync(s => s.Lists.DeleteAsync(_workspace.Id, vip.Id)));
        Assert.False(await Store.WriteAsync(s => s.Lists.DeleteAsync(_workspace.Id, vip.Id)));
    }

    [Fact]
    public async Task Members_are_added_once_counted_paged_and_removed()
    {
        var list = NewList("Static");
        var contacts = Enumerable.Range(0, 5).Select(NewContact).ToArray();
        Write(async s =>
        {
            await s.Lists.InsertAsync(list);
            foreach (var c in contacts)
            {
                await s.Contacts.InsertAsync(c);
            }
        });

        var ids = contacts.Select(c => c.Id).ToArray();
        Assert.Equal(3,
            (await Store.WriteAsync(s => s.Lists.AddMembersAsync(_workspace.Id, list.Id, ids[..3], Now))).Count);
        Assert.Equal(2, (await Store.WriteAsync(s => s.Lists.AddMembersAsync(_workspace.Id, list.Id, ids, Now))).Count);
        var counts = await Store.ReadAsync(s =>
            s.Lists.CountMembersAsync(_workspace.Id, [list.Id, Guid.CreateVersion7()]));
        Assert.Equal(5, counts[list.Id]);
        Assert.Single(counts);

        var page = await Store.ReadAsync(s => s.Lists.MembersAsync(_workspace.Id, list.Id, new PageRequest(2, 2)));
        Assert.Equal(5, page.Total);
        Assert.Equal(ids[2..4], page.Items.Select(c => c.Id));

        Assert.True(await Store.WriteAsync(s => s.Lists.RemoveMemberAsync(_workspace.Id, list.Id, ids[0])));
        Assert.False(await Store.WriteAsync(s => s.Lists.RemoveMemberAsync(_workspace.Id, list.Id, ids[0])));
        var unknown = Guid.CreateVersion7();
        Assert.Equal([unknown],
            await Store.ReadAsync(s => s.Lists.MissingContactsAsync(_workspace.Id, [ids[1], unknown])));

        Assert.True(await Store.WriteAsync(s => s.Lists.DeleteAsync(_workspace.Id, list.Id)));
        var left = await Store.ReadAsync(
            async s => await s.RuleFacts.LoadAsync(_workspace.Id, ids, new Dictionary<string, DateTimeOffset?>()));
        Assert.Empty(left.Memberships);
    }

    [Fact]
    public async Task Rule_facts_load_memberships_field_types_and_only_the_events_asked_for()
    {
        var list = NewList("Static");
        var (a, b) = (NewContact(1), NewContact(2));
        Write(async s =>
        {
            await s.Lists.InsertAsync(list);
            await s.Contacts.InsertAsync(a);
            await s.Contacts.InsertAsync(b);
            await s.Lists.AddMembersAsync(_workspace.Id, list.Id, [a.Id], Now);
        });
        Backend.Execute("INSERT INTO custom_fields VALUES (@ws, 'seats', 'Seats', 'number', 'active', 0, 0)",
            new { ws = _workspace.Id });
        var events = new[] { (a, "order", 1), (a, "order", 40), (b, "order", 2), (a, "view", 1) };
        foreach (var (contact, name, daysAgo) in events)
        {
            Backend.Execute("""
                INSERT INTO events (id, workspace_id, contact_id, event_key, name, properties, occurred_at, created_at)
                VALUES (@id, @ws, @contact, @key, @name, '{"n":1}', @at, @at)
                """, new
            {
                id = Guid.NewGuid(), key = Guid.NewGuid().ToString(), ws = _workspace.Id, contact = contact.Id, name,
                at = Now.AddDays(-daysAgo).ToUnixTimeMilliseconds(),
            });
        }

        var facts = await Store.ReadAsync(async s => await s.RuleFacts.LoadAsync(_workspace.Id, [a.Id, b.Id],
            new Dictionary<string, DateTimeOffset?> { ["order"] = Now.AddDays(-30) }));
        Assert.Equal("number", facts.FieldTypes["seats"]);
        Assert.True(facts.IsMember(a.Id, list.Id));
        Assert.False(facts.IsMember(b.Id, list.Id));
        Assert.Equal([Now.AddDays(-1)], facts.EventsOf(a.Id, "order").Select(e => e.OccurredAt));
        Assert.Equal(1, facts.EventsOf(b.Id, "order")[0].Properties["n"]!.GetValue<int>());
        Assert.Empty(facts.EventsOf(a.Id, "view"));

        var all = await Store.ReadAsync(async s => await s.RuleFacts.LoadAsync(_workspace.Id, [a.Id],
            new Dictionary<string, DateTimeOffset?> { ["order"] = null }));
        Assert.Equal([Now.AddDays(-40), Now.AddDays(-1)], all.EventsOf(a.Id, "order").Select(e => e.OccurredAt));
        Assert.Empty(all.EventsOf(b.Id, "order"));
    }
}
