using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Json;
using Runnel.Core.Lists;
using Runnel.Core.Rules;
using Runnel.Core.Services;
using Runnel.Core.Storage;

namespace Runnel.Core.Tests.Lists;

public sealed class DynamicListEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Workspace = Guid.CreateVersion7();

    private static ContactList Dynamic(Guid id, string rules) =>
        new(id, Workspace, "d", ListType.Dynamic, RunnelJson.Deserialize<RuleNode>(rules), Now, Now);

    private static string InList(Guid id) => $$"""{"source":"list","list_id":"{{id}}","operator":"in"}""";

    private static string Performed(string name, int? days) =>
        $$"""{"source":"event","name":"{{name}}","operator":"performed"{{(days is null ? "" : $",\"within_days\":{days}")}}}""";

    [Fact]
    public void Events_needed_follow_list_references_and_take_the_widest_window()
    {
        var (a, b, c) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var evaluator = new DynamicListEvaluator(
        [
            Dynamic(a, $$"""{"all":[{{Performed("order", 7)}},{{InList(b)}},{{InList(Guid.CreateVersion7())}}]}"""),
            Dynamic(b,
                $$"""{"any":[{{Performed("order", 30)}},{{Performed("login", 3)}},{{Performed("view", null)}}]}"""),
            Dynamic(c, Performed("never_asked", 1)),
        ], Now);

        var needed = evaluator.EventsNeeded([a]);
        Assert.Equal(Now.AddDays(-30), needed["order"]);
        Assert.Equal(Now.AddDays(-3), needed["login"]);
        Assert.Null(needed["view"]);
        Assert.False(needed.ContainsKey("never_asked"));

        var unbounded = new DynamicListEvaluator(
            [Dynamic(a, $$"""{"all":[{{Performed("order", 7)}},{{Performed("order", null)}}]}""")], Now);
        Assert.Null(unbounded.EventsNeeded([a])["order"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(DynamicListEvaluator.BatchSize)]
    [InlineData(DynamicListEvaluator.BatchSize + 1)]
    [InlineData(2 * DynamicListEvaluator.BatchSize + 7)]
    public async Task Scans_stream_every_contact_once_in_batches(int contacts)
    {
        var session = new FakeSession(contacts);
        var (even, all) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var evaluator = new DynamicListEvaluator(
        [
            Dynamic(even, """{"source":"contact","field":"even","operator":"eq","value":true}"""),
            Dynamic(all, """{"source":"contact","field":"email","operator":"is_set"}"""),
        ], Now);

        var counts = await evaluator.CountAsync(session, Workspace, [even, all], CancellationToken.None);
        Assert.Equal([(contacts + 1) / 2, contacts], counts);
        Assert.All(session.BatchSizes, size => Assert.True(size <= DynamicListEvaluator.BatchSize));
        Assert.Equal(contacts / DynamicListEvaluator.BatchSize + 1, session.BatchSizes.Count);
    }

    [Fact]
    public async Task Static_lists_and_cycles_that_slipped_in_are_answered_without_recursing_forever()
    {
        var session = new FakeSession(1);
        var staticList = Guid.CreateVersion7();
        session.StaticLists.Add(staticList);
        var (a, b) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var evaluator = new DynamicListEvaluator(
        [
            Dynamic(a, $$"""{"any":[{{InList(b)}},{{InList(staticList)}}]}"""),
            Dynamic(b, InList(a)),
        ], Now);
        var contact = (await session.Contacts.ListAfterAsync(Workspace, null, 1))[0];

        Assert.True(await evaluator.IsMemberAsync(session, contact, staticList));
        Assert.True(await evaluator.IsMemberAsync(session, contact, a));
        Assert.True(await evaluator.IsMemberAsync(session, contact, b));
        session.StaticLists.Clear();
        Assert.False(await evaluator.IsMemberAsync(session, contact, a));
    }

    [Fact]
    public async Task A_cancelled_scan_stops()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var list = Guid.CreateVersion7();
        var evaluator = new DynamicListEvaluator(
            [Dynamic(list, """{"source":"contact","field":"email","operator":"is_set"}""")], Now);
        await Assert.ThrowsAsync<OperationCanceledException>(
            () => evaluator.CountAsync(new FakeSession(3), Workspace, [list], cancelled.Token));
    }

    /// <summary>An in-memory session holding only what the evaluator reads: contacts by id and rule facts.</summary>
    private sealed class FakeSession(int contacts) : IStoreSession, IContactRepository, IRuleFactsRepository
    {
        private readonly List<Contact> _contacts = Enumerable.Range(0, contacts).Select(i => new Contact(
            Guid.CreateVersion7(Now.AddMilliseconds(i)), Workspace, $"c{i}@example.com", null, null, null, null, "UTC",
            SubscriptionStatus.NonSubscribed, SubscriptionStatus.NonSubscribed, null,
            new JsonObject { ["even"] = i % 2 == 0 }, Now, Now)).ToList();

        public List<int> BatchSizes { get; } = [];

        /// <summary>Static lists every contact is on.</summary>
        public HashSet<Guid> StaticLists { get; } = [];

        public IContactRepository Contacts => this;

        public IRuleFactsRepository RuleFacts => this;

        public IWorkspaceRepository Workspaces => throw new InvalidOperationException("not used by the evaluator");

        public IApiKeyRepository ApiKeys => throw new InvalidOperationException("not used by the evaluator");

        public IIdempotencyRepository Idempotency => throw new InvalidOperationException("not used by the evaluator");

        public ISecretRepository Secrets => throw new InvalidOperationException("not used by the evaluator");

        public IListRepository Lists => throw new InvalidOperationException("not used by the evaluator");

        public IEmailRepository Emails => throw new InvalidOperationException("not used by the evaluator");

        public ITemplateRepository Templates => throw new InvalidOperationException("not used by the evaluator");

        public ITriggerRepository Triggers => throw new InvalidOperationException("not used by the evaluator");

        public IFormRepository Forms => throw new InvalidOperationException("not used by the evaluator");

        public IPageRepository Pages => throw new InvalidOperationException("not used by the evaluator");

        public ILeaseRepository Leases => throw new InvalidOperationException("not used by the evaluator");

        public IFlowStatsRepository Stats => throw new InvalidOperationException("not used by the evaluator");

        public IFlowRepository Flows => throw new InvalidOperationException("not used by the evaluator");

        public IMemberRepository Members => throw new InvalidOperationException("not used by the evaluator");

        public IOutboxRepository Outbox => throw new InvalidOperationException("not used by the evaluator");

        public IWebhookDeliveryRepository Webhooks =>
            throw new InvalidOperationException("not used by the evaluator");

        public ISmsInboundRepository SmsInbound => throw new InvalidOperationException("not used by the evaluator");

        public ICustomFieldRepository CustomFields => throw new InvalidOperationException("not used by the evaluator");

        public IEventRepository Events => throw new InvalidOperationException("not used by the evaluator");

        public ISuppressionRepository Suppressions => throw new InvalidOperationException("not used by the evaluator");

        public Task<Contact?> FindByEmailAsync(Guid workspaceId, string email) =>
            throw new InvalidOperationException("not used");

        public Task<Contact?> FindByPhoneAsync(Guid workspaceId, string phone) =>
            throw new InvalidOperationException("not used");

        public Task<ContactLookup> LookUpAddressAsync(Guid workspaceId, string channel, string address,
            string addressHash) => throw new InvalidOperationException("not used");

        public Task<Contact?> FindByExternalIdAsync(Guid workspaceId, string externalId) =>
            throw new InvalidOperationException("not used");

        public Task UpdateAsync(Contact contact) => throw new InvalidOperationException("not used");

        public Task<Page<Contact>> ListAsync(Guid workspaceId, ContactQuery query, PageRequest page) =>
            throw new InvalidOperationException("not used");

        public Task<bool> DeleteAsync(Guid workspaceId, Guid id) => throw new InvalidOperationException("not used");

        public Task InsertAsync(Contact contact)
        {
            _contacts.Add(contact);
            return Task.CompletedTask;
        }

        public Task<Contact?> GetAsync(Guid workspaceId, Guid id) =>
            Task.FromResult<Contact?>(_contacts.Find(c => c.Id == id));

        public Task<IReadOnlyDictionary<Guid, Contact>> GetManyAsync(Guid workspaceId, IReadOnlyCollection<Guid> ids) =>
            Task.FromResult<IReadOnlyDictionary<Guid, Contact>>(_contacts.Where(c =>
                ids.Contains(c.Id)).ToDictionary(c => c.Id));

        public Task<IReadOnlyList<Contact>> ListAfterAsync(Guid workspaceId, Guid? afterId, int limit)
        {
            var batch = _contacts.Where(c => afterId is null || c.Id.CompareTo(afterId.Value) > 0)
                .OrderBy(c => c.Id).Take(limit).ToList();
            BatchSizes.Add(batch.Count);
            return Task.FromResult<IReadOnlyList<Contact>>(batch);
        }

        public Task<RuleFactsBatch> LoadAsync(Guid workspaceId, IReadOnlyCollection<Guid> contactIds,
            IReadOnlyDictionary<string, DateTimeOffset?> eventsSince) =>
            Task.FromResult<RuleFactsBatch>(new(new Dictionary<string, string> { ["even"] = "boolean" },
                contactIds.ToDictionary(id => id, _ => (IReadOnlySet<Guid>)StaticLists.ToHashSet()),
                new Dictionary<(Guid ContactId, string Name), IReadOnlyList<RuleEvent>>()));
    }
}
