using Runnel.Core;
using Runnel.Core.Contacts;
using Runnel.Core.Json;
using Runnel.Core.Lists;
using Runnel.Core.Rules;
using Runnel.Core.Storage;

namespace Runnel.Storage;

internal sealed class SqlListRepository(SqlDb db) : IListRepository
{
    private const string Columns = "id, workspace_id, name, type, rules, created_at, updated_at";

    public async Task InsertAsync(ContactList list)
    {
        await db.ExecuteAsync(
            $"INSERT INTO lists ({Columns}) VALUES (@Id, @WorkspaceId, @Name, @Type, @Rules, @CreatedAt, @UpdatedAt)",
            Args(list));
        await RecordReferencesAsync(list);
    }

    public async Task<ContactList?> GetAsync(Guid workspaceId, Guid id) =>
        (await db.SingleAsync<Row>($"SELECT {Columns} FROM lists WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id }))?.ToContactList();

    public async Task<Page<ContactList>> ListAsync(Guid workspaceId, PageRequest page) =>
        (await db.PageAsync<Row>(Columns, "FROM lists WHERE workspace_id = @workspaceId", "created_at, id", page,
            new { workspaceId })).Map(r => r.ToContactList());

    public async Task<IReadOnlyList<ContactList>> ListDynamicAsync(Guid workspaceId) => (await db.QueryAsync<Row>(
            $"""
            SELECT {Columns} FROM lists WHERE workspace_id = @workspaceId AND type = 'dynamic' ORDER BY created_at, id
            """,
            new { workspaceId }))
        .Select(r => r.ToContactList()).ToList();

    public async Task UpdateAsync(ContactList list)
    {
        await db.ExecuteAsync(
            """
            UPDATE lists SET name = @Name, rules = @Rules, updated_at = @UpdatedAt
            WHERE id = @Id AND workspace_id = @WorkspaceId
            """,
            Args(list));
        await RecordReferencesAsync(list);
    }

    public async Task<bool> DeleteAsync(Guid workspaceId, Guid id) =>
        await db.ExecuteAsync("DELETE FROM lists WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id }) == 1;

    public async Task<string?> FindUseAsync(Guid workspaceId, Guid id)
    {
        var user = await db.SingleAsync<UserRow>(
            """
            SELECT l.id, l.name FROM list_references r JOIN lists l ON l.id = r.list_id
            WHERE r.workspace_id = @workspaceId AND r.referenced_list_id = @id
            ORDER BY l.created_at, l.id LIMIT 1
            """, new { workspaceId, id });
        if (user is not null)
        {
            return $"the rules of dynamic list '{user.Name}' ({Ids.Format(user.Id)})";
        }

        return await new SqlFlowRepository(db).ActiveFlowUsesListAsync(workspaceId, id) ? "an active flow" : null;
    }

    public async Task<IReadOnlyDictionary<Guid, long>> CountMembersAsync(Guid workspaceId,
        IReadOnlyCollection<Guid> listIds) =>
        (await db.QueryAsync<CountRow>(
                $"""
                SELECT list_id, COUNT(*) AS count FROM list_members
                WHERE workspace_id = @workspaceId AND {db.Dialect.InList("list_id", "@ids")} GROUP BY list_id
                """,
                new { workspaceId, ids = db.Dialect.GuidList(listIds) }))
            .ToDictionary(r => r.ListId, r => r.Count);

    public async Task<IReadOnlyList<Guid>> MissingContactsAsync(Guid workspaceId, IReadOnlyList<Guid> contactIds)
    {
        var found = (await db.QueryAsync<Guid>(
                $"SELECT id FROM contacts WHERE workspace_id = @workspaceId AND {db.Dialect.InList("id", "@ids")}",
                new { workspaceId, ids = db.Dialect.GuidList(contactIds) }))
            .ToHashSet();
        return contactIds.Where(id => !found.Contains(id)).ToArray();
    }

    public async Task<IReadOnlyList<Guid>> AddMembersAsync(Guid workspaceId, Guid listId,
        IReadOnlyList<Guid> contactIds, DateTimeOffset at)
    {
        var added = new List<Guid>(contactIds.Count);
        foreach (var contactId in contactIds)
        {
            if (await db.ExecuteAsync(
                    """
                    INSERT INTO list_members (list_id, contact_id, workspace_id, added_at)
                    VALUES (@listId, @contactId, @workspaceId, @at) ON CONFLICT (list_id, contact_id) DO NOTHING
                    """, new { listId, contactId, workspaceId, at }) == 1)
            {
                added.Add(contactId);
            }
        }

        return added;
    }

    public async Task<bool> RemoveMemberAsync(Guid workspaceId, Guid listId, Guid contactId) => await db.ExecuteAsync(
        "DELETE FROM list_members WHERE workspace_id = @workspaceId AND list_id = @listId AND contact_id = @contactId",
        new { workspaceId, listId, contactId }) == 1;

    public async Task<Page<Contact>> MembersAsync(Guid workspaceId, Guid listId, PageRequest page) =>
        (await db.PageAsync<ContactRow>(SqlContactRepository.Columns,
                """
                FROM contacts WHERE workspace_id = @workspaceId
                    AND id IN (SELECT contact_id FROM list_members WHERE list_id = @listId)
                """,
                "id", page, new { workspaceId, listId }))
            .Map(r => r.ToContact());

    private async Task RecordReferencesAsync(ContactList list)
    {
        await db.ExecuteAsync("DELETE FROM list_references WHERE list_id = @Id", new { list.Id });
        if (list.Rules is null)
        {
            return;
        }

        var referenced = RuleTree.ListReferences(list.Rules, "").Select(r => r.ListId).Distinct();
        await db.ExecuteAsync(
            """
            INSERT INTO list_references (list_id, referenced_list_id, workspace_id)
            VALUES (@listId, @referencedId, @workspaceId)
            """,
            referenced.Select(referencedId => new { listId = list.Id, referencedId, workspaceId = list.WorkspaceId }));
    }

    private static object Args(ContactList list) => new
    {
        list.Id,
        list.WorkspaceId,
        list.Name,
        Type = list.Type == ListType.Dynamic ? "dynamic" : "static",
        Rules = list.Rules is null ? null : RunnelJson.Serialize(list.Rules),
        list.CreatedAt,
        list.UpdatedAt,
    };

    private sealed class Row
    {
        public Guid Id { get; set; }
        public Guid WorkspaceId { get; set; }
        public string Name { get; set; } = "";
        public string Type { get; set; } = "";
        public string? Rules { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public ContactList ToContactList() => new(Id, WorkspaceId, Name,
            Type == "dynamic" ? ListType.Dynamic : ListType.Static,
            Rules is null ? null : RunnelJson.Deserialize<RuleNode>(Rules), CreatedAt, UpdatedAt);
    }

    private sealed class UserRow
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
    }

    private sealed class CountRow
    {
        public Guid ListId { get; set; }
        public long Count { get; set; }
    }
}
