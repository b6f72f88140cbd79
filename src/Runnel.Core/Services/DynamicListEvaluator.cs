using Runnel.Core.Contacts;
using Runnel.Core.Lists;
using Runnel.Core.Rules;
using Runnel.Core.Storage;

namespace Runnel.Core.Services;

/// <summary>
/// Computes dynamic list membership from rule trees. It streams the workspace's contacts in id order, a batch at a
/// time, with each batch's facts loaded in bulk, so memory stays bounded by the batch however many contacts there are.
/// The cost is one pass over the contacts per call, which is fine at the sizes a single node serves.
/// </summary>
public sealed class DynamicListEvaluator
{
    // Why 500: each batch costs a few queries whatever its size, and 500 ids stay far below SQLite's bound on
    // parameters while keeping a batch's contacts and events to a few megabytes at most.
    public const int BatchSize = 500;

    private readonly Dictionary<Guid, RuleNode> _rules;
    private readonly DateTimeOffset _now;

    /// <param name="dynamicLists">Every dynamic list of the workspace, so list leaves can name dynamic lists.</param>
    /// <param name="now">The evaluation time.</param>
    public DynamicListEvaluator(IEnumerable<ContactList> dynamicLists, DateTimeOffset now)
    {
        _rules = dynamicLists.Where(l => l.Rules is not null).ToDictionary(l => l.Id, l => l.Rules!);
        _now = now;
    }

    public static async Task<DynamicListEvaluator> LoadAsync(IStoreSession session, Guid workspaceId,
        DateTimeOffset now) =>
        new(await session.Lists.ListDynamicAsync(workspaceId), now);

    /// <summary>
    /// Calls <paramref name="onMatch"/> with each contact, in id order, and the index in <paramref name="listIds"/> of
    /// each dynamic list it belongs to.
    /// </summary>
    public async Task ScanAsync(IStoreSession session, Guid workspaceId, IReadOnlyList<Guid> listIds,
        Action<Contact, int> onMatch, CancellationToken ct)
    {
        if (listIds.Count == 0)
        {
            return;
        }

        var eventsSince = EventsNeeded(listIds);
        Guid? after = null;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var batch = await session.Contacts.ListAfterAsync(workspaceId, after, BatchSize);
            if (batch.Count == 0)
            {
                return;
            }

            var facts = await session.RuleFacts.LoadAsync(workspaceId, batch.Select(c => c.Id).ToArray(), eventsSince);
            foreach (var contact in batch)
            {
                var contactFacts = new ContactFacts(this, contact, facts);
                for (var i = 0; i < listIds.Count; i++)
                {
                    if (contactFacts.IsInList(listIds[i]))
                    {
                        onMatch(contact, i);
                    }
                }
            }

            if (batch.Count < BatchSize)
            {
                return;
            }

            after = batch[^1].Id;
        }
    }

    /// <summary>Member counts of the given dynamic lists, in one pass over the contacts.</summary>
    public async Task<long[]> CountAsync(IStoreSession session, Guid workspaceId, IReadOnlyList<Guid> listIds,
        CancellationToken ct)
    {
        var counts = new long[listIds.Count];
        await ScanAsync(session, workspaceId, listIds, (_, i) => counts[i]++, ct);
        return counts;
    }

    /// <summary>Whether one contact is on a list (dynamic by its rules, static by membership).</summary>
    public async Task<bool> IsMemberAsync(IStoreSession session, Contact contact, Guid listId)
    {
        var facts = await session.RuleFacts.LoadAsync(contact.WorkspaceId, [contact.Id], EventsNeeded([listId]));
        return new ContactFacts(this, contact, facts).IsInList(listId);
    }

    /// <summary>
    /// The event names the lists' rules ask about (following list leaves into other dynamic lists) and how far back
    /// each must be loaded: the widest <c>within_days</c> window, or all time when any leaf has none.
    /// </summary>
    public IReadOnlyDictionary<string, DateTimeOffset?> EventsNeeded(IEnumerable<Guid> listIds) =>
        EventsNeeded(listIds, []);

    /// <summary>
    /// The events rule trees of a flow ask about: their own event leaves plus those of every dynamic list they name.
    /// </summary>
    public IReadOnlyDictionary<string, DateTimeOffset?> EventsNeeded(IEnumerable<RuleNode> trees) =>
        EventsNeeded([], trees);

    /// <summary>
    /// Facts for one contact as a flow sees them: static membership from the batch with the run's own pending list
    /// changes on top, dynamic lists by their rules, events from the batch, and the membership's email engagement.
    /// </summary>
    public IRuleFacts FactsFor(Contact contact, RuleFactsBatch batch, IReadOnlyDictionary<Guid, bool>? staticOverrides,
        Func<string, EmailStepFacts?>? emailSteps) => new ContactFacts(this, contact, batch, staticOverrides, emailSteps);

    private Dictionary<string, DateTimeOffset?> EventsNeeded(IEnumerable<Guid> listIds, IEnumerable<RuleNode> trees)
    {
        var needed = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        var seen = new HashSet<Guid>();
        var pending = new Stack<Guid>(listIds);
        var roots = new Queue<RuleNode>(trees);
        while (roots.Count > 0 || pending.Count > 0)
        {
            RuleNode rules;
            if (roots.TryDequeue(out var root))
            {
                rules = root;
            }
            else
            {
                var id = pending.Pop();
                if (!seen.Add(id) || !_rules.TryGetValue(id, out var listRules))
                {
                    continue;
                }

                rules = listRules;
            }

            foreach (var leaf in RuleTree.Leaves(rules, ""))
            {
                switch (leaf.Leaf)
                {
                    case ListRule list:
                        pending.Push(list.ListId);
                        break;
                    case EventRule e:
                        DateTimeOffset? since = e.WithinDays is { } days ? _now.AddDays(-days) : null;
                        needed[e.Name] = needed.TryGetValue(e.Name, out var known)
                            ? (known is null || since is null ? null : Min(known.Value, since.Value))
                            : since;
                        break;
                }
            }
        }

        return needed;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>One contact's facts; dynamic list leaves evaluate that list's rules once per contact.</summary>
    private sealed class ContactFacts(DynamicListEvaluator owner, Contact contact, RuleFactsBatch batch,
        IReadOnlyDictionary<Guid, bool>? staticOverrides = null, Func<string, EmailStepFacts?>? emailSteps = null)
        : IRuleFacts
    {
        private readonly Dictionary<Guid, bool> _decided = [];
        private readonly HashSet<Guid> _evaluating = [];

        public bool IsInList(Guid listId)
        {
            if (!owner._rules.TryGetValue(listId, out var rules))
            {
                return staticOverrides is not null && staticOverrides.TryGetValue(listId, out var pending)
                    ? pending
                    : batch.IsMember(contact.Id, listId);
            }

            if (_decided.TryGetValue(listId, out var known))
            {
                return known;
            }

            // Writes refuse cycles between lists; this guard only keeps a cycle that slipped in from recursing forever.
            if (!_evaluating.Add(listId))
            {
                return false;
            }

            var result = RuleEvaluator.Evaluate(rules, new RuleInput(contact, batch.FieldTypes, owner._now, this));
            _evaluating.Remove(listId);
            _decided[listId] = result;
            return result;
        }

        public IReadOnlyList<RuleEvent> Events(string name) => batch.EventsOf(contact.Id, name);

        // Lists live outside flows, so their own rules never hold email_step leaves; a flow passes its engagement.
        public EmailStepFacts? EmailStep(string stepId) => emailSteps?.Invoke(stepId);
    }
}
