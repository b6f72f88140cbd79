using Runnel.Core.Contacts;
using Runnel.Core.Errors;
using Runnel.Core.Lists;
using Runnel.Core.Rules;
using Runnel.Core.Storage;

namespace Runnel.Core.Services;

/// <summary>Static and dynamic lists and their members (API.md §4).</summary>
public sealed class ListService(IRunnelStore store, TimeProvider time)
{
    public const int MaxNameLength = 200;
    public const int MaxContactIdsPerCall = 1000;
    private const string RulesPath = "rules";

    public async Task<ListDetails> CreateAsync(Guid workspaceId, CreateListRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var name = CheckName(request.Name, errors);
        var type = ParseType(request.Type, errors);
        if (type == ListType.Dynamic && request.Rules is null)
        {
            errors.Add(RulesPath, "is required for a dynamic list");
        }
        else if (type == ListType.Static && request.Rules is not null)
        {
            errors.Add(RulesPath, "static lists have no rules; add contacts to them instead");
        }
        else if (type == ListType.Dynamic)
        {
            RuleValidator.Validate(request.Rules!, RulesPath, RuleScope.Segment, errors);
        }

        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        var draft = new ContactList(Ids.New(time), workspaceId, name, type!.Value,
            type == ListType.Dynamic ? request.Rules : null, now, now);
        // The answer is built from what the write returns: a keyed retry after a crash is handed that again.
        var list = await store.WriteAsync(async s =>
        {
            await CheckReferencesAsync(s, draft, isNew: true);
            await s.Lists.InsertAsync(draft);
            return draft;
        }, ct);
        return await store.ReadAsync(async s =>
            new ListDetails(list, (await CountMembersAsync(s, [list], ct))[list.Id]), ct);
    }

    public Task<ListDetails> GetAsync(Guid workspaceId, Guid id, CancellationToken ct) => store.ReadAsync(async s =>
    {
        var list = await s.Lists.GetAsync(workspaceId, id) ?? throw RunnelException.NotFound(ErrorCodes.ListNotFound);
        return new ListDetails(list, (await CountMembersAsync(s, [list], ct))[list.Id]);
    }, ct);

    public Task<Page<ListDetails>> ListAsync(Guid workspaceId, PageRequest page, CancellationToken ct) =>
        store.ReadAsync(async s =>
        {
            var lists = await s.Lists.ListAsync(workspaceId, page);
            var counts = await CountMembersAsync(s, lists.Items, ct);
            return lists.Map(l => new ListDetails(l, counts[l.Id]));
        }, ct);

    public async Task<ListDetails> UpdateAsync(Guid workspaceId, Guid id, UpdateListRequest request,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var name = request.Name.IsSet ? CheckName(request.Name.Value, errors) : null;
        var type = request.Type.IsSet ? ParseType(request.Type.Value, errors) : null;
        if (request.Rules is { IsSet: true, Value: { } rules })
        {
            RuleValidator.Validate(rules, RulesPath, RuleScope.Segment, errors);
        }

        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        var updated = await store.WriteAsync(async s =>
        {
            var current = await s.Lists.GetAsync(workspaceId, id)
                ?? throw RunnelException.NotFound(ErrorCodes.ListNotFound);
            var problems = new ValidationErrors();
            if (type is { } newType && newType != current.Type)
            {
                problems.Add("type", "a list's type cannot change; create a new list instead");
            }

            if (request.Rules.IsSet && current.Type == ListType.Static && request.Rules.Value is not null)
            {
                problems.Add(RulesPath, "static lists have no rules; add contacts to them instead");
            }
            else if (request.Rules.IsSet && current.Type == ListType.Dynamic && request.Rules.Value is null)
            {
                problems.Add(RulesPath, "a dynamic list needs rules");
            }

            problems.ThrowIfAny();
            var list = current with
            {
                Name = name ?? current.Name,
                Rules = current.Type == ListType.Dynamic ? request.Rules.GetValueOr(current.Rules) : null,
                UpdatedAt = now,
            };
            await CheckReferencesAsync(s, list, isNew: false);
            await s.Lists.UpdateAsync(list);
            return list;
        }, ct);
        return await store.ReadAsync(async s =>
            new ListDetails(updated, (await CountMembersAsync(s, [updated], ct))[updated.Id]), ct);
    }

    public async Task DeleteAsync(Guid workspaceId, Guid id, CancellationToken ct) => await store.WriteAsync(async s =>
    {
        if (await s.Lists.GetAsync(workspaceId, id) is null)
        {
            throw RunnelException.NotFound(ErrorCodes.ListNotFound);
        }

        if (await s.Lists.FindUseAsync(workspaceId, id) is { } use)
        {
            throw new RunnelException(ErrorCodes.ListInUse, $"The list is used by {use}.");
        }

        return await s.Lists.DeleteAsync(workspaceId, id);
    }, ct);

    /// <summary>Adds contacts to a static list, all or none: one unknown contact id adds nobody.</summary>
    public Task<ListAddResult> AddContactsAsync(Guid workspaceId, Guid id, AddListContactsRequest request,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var contactIds = new List<Guid>();
        if (request.ContactIds is not { Count: > 0 and <= MaxContactIdsPerCall } given)
        {
            errors.Add("contact_ids", $"is required: an array of 1 to {MaxContactIdsPerCall} contact ids");
        }
        else
        {
            for (var i = 0; i < given.Count; i++)
            {
                if (Ids.TryParse(given[i], out var contactId))
                {
                    contactIds.Add(contactId);
                }
                else
                {
                    errors.Add(ValidationErrors.Index("contact_ids", i), "must be a contact id (UUID)");
                }
            }
        }

        errors.ThrowIfAny();
        var distinct = contactIds.Distinct().ToArray();
        var now = time.GetUtcNow();
        return store.WriteAsync(async s =>
        {
            await RequireStaticAsync(s, workspaceId, id);
            if (await s.Lists.MissingContactsAsync(workspaceId, distinct) is [var missing, ..])
            {
                throw new RunnelException(ErrorCodes.ContactNotFound,
                    $"Contact {Ids.Format(missing)} was not found; no contacts were added.",
                    extensions: new Dictionary<string, object?> { ["contact_id"] = Ids.Format(missing) });
            }

            var added = await StaticListMembership.AddAsync(s, workspaceId, id, distinct, now);
            return new ListAddResult(added, distinct.Length - added);
        }, ct);
    }

    /// <summary>
    /// Removes one contact from a static list; <paramref name="contactId"/> is null when it was not a UUID.
    /// </summary>
    public async Task RemoveContactAsync(Guid workspaceId, Guid id, Guid? contactId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var removed = await store.WriteAsync(async s =>
        {
            await RequireStaticAsync(s, workspaceId, id);
            return contactId is { } c && await StaticListMembership.RemoveAsync(s, workspaceId, id, c, now);
        }, ct);
        if (!removed)
        {
            throw RunnelException.NotFound(ErrorCodes.ListMemberNotFound);
        }
    }

    /// <summary>
    /// A page of the list's members in contact id order; for a dynamic list, one pass over all contacts.
    /// </summary>
    public Task<Page<Contact>> ListContactsAsync(Guid workspaceId, Guid id, PageRequest page, CancellationToken ct) =>
        store.ReadAsync(async s =>
        {
            var list = await s.Lists.GetAsync(workspaceId, id)
                ?? throw RunnelException.NotFound(ErrorCodes.ListNotFound);
            if (list.Type == ListType.Static)
            {
                return await s.Lists.MembersAsync(workspaceId, id, page);
            }

            var items = new List<Contact>(page.Limit);
            long total = 0;
            var evaluator = await DynamicListEvaluator.LoadAsync(s, workspaceId, time.GetUtcNow());
            await evaluator.ScanAsync(s, workspaceId, [id], (contact, _) =>
            {
                if (total >= page.Offset && items.Count < page.Limit)
                {
                    items.Add(contact);
                }

                total++;
            }, ct);
            return new Page<Contact>(items, total);
        }, ct);

    /// <summary>
    /// Member counts: static lists by their rows, all dynamic lists together in one pass over contacts.
    /// </summary>
    private async Task<Dictionary<Guid, long>> CountMembersAsync(IStoreSession s, IReadOnlyList<ContactList> lists,
        CancellationToken ct)
    {
        var counts = new Dictionary<Guid, long>();
        var staticIds = lists.Where(l => l.Type == ListType.Static).Select(l => l.Id).ToArray();
        var stored = staticIds.Length == 0 ? null : await s.Lists.CountMembersAsync(lists[0].WorkspaceId, staticIds);
        foreach (var id in staticIds)
        {
            counts[id] = stored!.TryGetValue(id, out var n) ? n : 0;
        }

        var dynamicIds = lists.Where(l => l.Type == ListType.Dynamic).Select(l => l.Id).ToArray();
        if (dynamicIds.Length > 0)
        {
            var workspaceId = lists[0].WorkspaceId;
            var evaluator = await DynamicListEvaluator.LoadAsync(s, workspaceId, time.GetUtcNow());
            var dynamicCounts = await evaluator.CountAsync(s, workspaceId, dynamicIds, ct);
            for (var i = 0; i < dynamicIds.Length; i++)
            {
                counts[dynamicIds[i]] = dynamicCounts[i];
            }
        }

        return counts;
    }

    private static async Task RequireStaticAsync(IStoreSession s, Guid workspaceId, Guid id)
    {
        var list = await s.Lists.GetAsync(workspaceId, id) ?? throw RunnelException.NotFound(ErrorCodes.ListNotFound);
        if (list.Type != ListType.Static)
        {
            throw new RunnelException(ErrorCodes.ListNotStatic,
                "Dynamic lists hold whoever matches their rules; contacts cannot be added or removed by hand.");
        }
    }

    /// <summary>
    /// Every list a rule tree names must be a list of this workspace, and no chain of list leaves may lead back to the
    /// list itself (membership would then depend on itself).
    /// </summary>
    private static async Task CheckReferencesAsync(IStoreSession s, ContactList list, bool isNew)
    {
        if (list.Rules is null)
        {
            return;
        }

        var errors = new ValidationErrors();
        var references = RuleTree.ListReferences(list.Rules, RulesPath).ToArray();
        Dictionary<Guid, RuleNode>? graph = null;
        foreach (var (listId, path) in references)
        {
            if (listId == list.Id)
            {
                errors.Add(path, "a list cannot refer to itself");
            }
            else if (await s.Lists.GetAsync(list.WorkspaceId, listId) is null)
            {
                errors.Add(path, "no list with this id exists in this workspace");
            }
            else if (!isNew)
            {
                // A new list cannot be named by any other yet, so only changes to existing lists can close a cycle.
                graph ??= (await s.Lists.ListDynamicAsync(list.WorkspaceId)).Where(l => l.Rules is not null)
                    .ToDictionary(l => l.Id, l => l.Rules!);
                if (Reaches(graph, listId, list.Id))
                {
                    errors.Add(path, "that list refers back to this one; lists cannot refer to each other in a cycle");
                }
            }
        }

        errors.ThrowIfAny();
    }

    private static bool Reaches(Dictionary<Guid, RuleNode> graph, Guid from, Guid target)
    {
        var seen = new HashSet<Guid>();
        var pending = new Stack<Guid>([from]);
        while (pending.TryPop(out var id))
        {
            if (id == target)
            {
                return true;
            }

            if (seen.Add(id) && graph.TryGetValue(id, out var rules))
            {
                foreach (var (next, _) in RuleTree.ListReferences(rules, RulesPath))
                {
                    pending.Push(next);
                }
            }
        }

        return false;
    }

    private static string CheckName(string? name, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("name", "is required");
            return "";
        }

        if (name.Trim().Length > MaxNameLength)
        {
            errors.Add("name", $"must be at most {MaxNameLength} characters");
        }

        return name.Trim();
    }

    private static ListType? ParseType(string? type, ValidationErrors errors)
    {
        switch (type)
        {
            case "static": return ListType.Static;
            case "dynamic": return ListType.Dynamic;
            case null:
                errors.Add("type", "is required: \"static\" or \"dynamic\"");
                return null;
            default:
                errors.Add("type", "must be \"static\" or \"dynamic\"");
                return null;
        }
    }
}
