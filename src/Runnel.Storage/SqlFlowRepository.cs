using System.Text.Json.Nodes;
using Runnel.Core.Flows;
using Runnel.Core.Json;
using Runnel.Core.Storage;

namespace Runnel.Storage;

internal sealed class SqlFlowRepository(SqlDb db) : IFlowRepository
{
    private const string Columns =
        "id, workspace_id, name, description, status, definition, version, created_at, updated_at, activated_at, ui";

    public async Task InsertAsync(Flow flow)
    {
        db.ChangedCachedRows();
        await db.ExecuteAsync(
            $"""
             INSERT INTO flows ({Columns}, search_name)
             VALUES (@Id, @WorkspaceId, @Name, @Description, @Status, @Definition, @Version, @CreatedAt, @UpdatedAt,
                     @ActivatedAt, @Ui, @SearchName)
             """, Parameters(flow));
    }

    /// <summary>From the writer's cache when there is one (every trigger API call and dispatched event reads its flow).</summary>
    public async Task<Flow?> GetAsync(Guid workspaceId, Guid id) => db.Cache is { } cache
        ? await cache.GetOrAddAsync(new FlowKey(workspaceId, id), async () =>
            Shareable(await ReadAsync(workspaceId, id)))
        : await ReadAsync(workspaceId, id);

    private async Task<Flow?> ReadAsync(Guid workspaceId, Guid id) =>
        (await db.SingleAsync<Row>($"SELECT {Columns} FROM flows WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id }))?.ToFlow(db.Definitions);

    public async Task UpdateAsync(Flow flow)
    {
        db.ChangedCachedRows();
        await db.ExecuteAsync(
            """
            UPDATE flows SET name = @Name, search_name = @SearchName, description = @Description, status = @Status,
                definition = @Definition, version = @Version, updated_at = @UpdatedAt, activated_at = @ActivatedAt,
                ui = @Ui
            WHERE workspace_id = @WorkspaceId AND id = @Id
            """, Parameters(flow));
    }

    public async Task<bool> DeleteAsync(Guid workspaceId, Guid id)
    {
        db.ChangedCachedRows();
        return await db.ExecuteAsync("DELETE FROM flows WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id }) == 1;
    }

    public async Task<Page<Flow>> ListAsync(Guid workspaceId, FlowListQuery query, PageRequest page)
    {
        var direction = query.Descending ? "DESC" : "ASC";
        var orderBy = query.SortBy switch
        {
            FlowSortField.CreatedAt => $"created_at {direction}, id {direction}",
            FlowSortField.Name => $"{db.Dialect.CaseFold("name")} {direction}, id {direction}",
            _ => $"updated_at {direction}, id {direction}",
        };
        var statuses = query.Statuses.Select(Wire).ToArray();
        var search = query.Search?.ToLowerInvariant();
        if (query.SortBy == FlowSortField.Name)
        {
            db.Dialect.PrepareCaseFold(db.Connection);
        }

        return (await db.PageAsync<Row>(Columns,
                $"""
                FROM flows WHERE workspace_id = @workspaceId AND {db.Dialect.InList("status", "@statuses")}
                    {(search is null ? "" : "AND " + db.Dialect.Contains("search_name", "@search"))}
                """,
                orderBy, page, new { workspaceId, statuses, search }))
            .Map(r => r.ToFlow(db.Definitions));
    }

    /// <summary>From the writer's cache when there is one (the trigger dispatcher reads it every round).</summary>
    public async Task<IReadOnlyList<Flow>> ListActiveAsync() => db.Cache is { } cache
        ? (await cache.GetOrAddAsync<List<Flow>>(ActiveKey,
            async () => (await ReadActiveAsync()).Select(f => Shareable(f)!).ToList()))!
        : await ReadActiveAsync();

    private async Task<List<Flow>> ReadActiveAsync() =>
        (await db.QueryAsync<Row>($"SELECT {Columns} FROM flows WHERE status = 'active' ORDER BY created_at, id"))
            .Select(r => r.ToFlow(db.Definitions)).ToList();

    /// <summary>
    /// A flow that callers on other threads may read while the writer reads it too: a parsed JSON object builds its
    /// property tables (its own and its children's) on first use, which is not safe to race, so writing it out once
    /// here builds them all.
    /// </summary>
    private static Flow? Shareable(Flow? flow)
    {
        _ = flow?.Ui?.ToJsonString();
        return flow;
    }

    private sealed record FlowKey(Guid WorkspaceId, Guid Id);

    private static readonly object ActiveKey = new();

    public async Task InsertVersionAsync(Guid flowId, int version, FlowDefinition definition, DateTimeOffset createdAt)
    {
        db.ChangedCachedRows();
        await db.ExecuteAsync(
            """
            INSERT INTO flow_versions (flow_id, version, definition, created_at)
            VALUES (@flowId, @version, @definition, @createdAt)
            """,
            new { flowId, version, definition = RunnelJson.Serialize(definition), createdAt });
    }

    public async Task<FlowDefinition?> GetVersionAsync(Guid flowId, int version)
    {
        var json = await db.SingleAsync<string>(
            "SELECT definition FROM flow_versions WHERE flow_id = @flowId AND version = @version",
            new { flowId, version });
        return json is null ? null : db.Definitions.Parse(flowId, version, json);
    }

    // Members arrive with the runtime migration, which replaces this with counts over its members table; until then
    // no flow has had anyone enter.
    public async Task<bool> ActiveFlowUsesSecretAsync(Guid workspaceId, string name) =>
        (await ActiveDefinitionsMentioningAsync(workspaceId, name)).Any(d => FlowReferences.UsesSecret(d, name));

    public async Task<bool> ActiveFlowUsesListAsync(Guid workspaceId, Guid listId) =>
        (await ActiveDefinitionsMentioningAsync(workspaceId, listId.ToString("D")))
            .Any(d => FlowReferences.UsesList(d, listId));

    public async Task<bool> ActiveFlowUsesPageAsync(Guid workspaceId, Guid pageId) =>
        (await ActiveDefinitionsMentioningAsync(workspaceId, pageId.ToString("D")))
            .Any(d => FlowReferences.UsesPage(d, pageId));

    public IActivationCatalog ActivationCatalog(Guid workspaceId, Func<Guid, Task<EmailState?>> emailLookup) =>
        new SqlActivationCatalog(db, workspaceId, emailLookup);

    /// <summary>
    /// Active flows whose stored JSON contains <paramref name="text"/>: a cheap filter in SQL, so only those few
    /// definitions are read and checked member by member.
    /// </summary>
    private async Task<IEnumerable<FlowDefinition>> ActiveDefinitionsMentioningAsync(Guid workspaceId, string text) =>
        (await db.QueryAsync<string>(
                $"""
                SELECT definition FROM flows
                WHERE workspace_id = @workspaceId AND status = 'active' AND {db.Dialect.Contains("definition", "@text")}
                """,
                new { workspaceId, text }))
            .Select(json => RunnelJson.Deserialize<FlowDefinition>(json)!);

    private static object Parameters(Flow flow) => new
    {
        flow.Id,
        flow.WorkspaceId,
        flow.Name,
        SearchName = flow.Name.ToLowerInvariant(),
        flow.Description,
        Status = Wire(flow.Status),
        Definition = RunnelJson.Serialize(flow.Definition),
        flow.Version,
        flow.CreatedAt,
        flow.UpdatedAt,
        flow.ActivatedAt,
        Ui = flow.Ui?.ToJsonString(),
    };

    private static string Wire(FlowStatus status) => status.ToString().ToLowerInvariant();

    private sealed class Row
    {
        public Guid Id { get; set; }
        public Guid WorkspaceId { get; set; }
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
        public string Status { get; set; } = "";
        public string Definition { get; set; } = "{}";
        public int Version { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public DateTimeOffset? ActivatedAt { get; set; }
        public string? Ui { get; set; }

        public Flow ToFlow(DefinitionCache definitions) => new(Id, WorkspaceId, Name, Description,
            Enum.Parse<FlowStatus>(Status, ignoreCase: true), definitions.Parse(Id, 0, Definition),
            Version, CreatedAt, UpdatedAt, ActivatedAt, Ui is null ? null : JsonNode.Parse(Ui)!.AsObject());
    }
}
