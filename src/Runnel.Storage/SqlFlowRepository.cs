using System.Text.Json.Nodes;
using Runnel.Core.Flows;
using Runnel.Core.Json;
using Runnel.Core.Storage;

namespace Runnel.Storage;

internal sealed class SqlFlowRepository(SqlDb db) : IFlowRepository
{
    private const string Columns =
        "id, workspace_id, name, description, status, definition, version, created_at, updated_at, activated_at, ui";

    public void Insert(Flow flow)
    {
        db.ChangedCachedRows();
        db.Execute(
            $"""
             INSERT INTO flows ({Columns}, search_name)
             VALUES (@Id, @WorkspaceId, @Name, @Description, @Status, @Definition, @Version, @CreatedAt, @UpdatedAt,
                     @ActivatedAt, @Ui, @SearchName)
             """, Parameters(flow));
    }

    /// <summary>From the writer's cache when there is one (every trigger API call and dispatched event reads its flow).</summary>
    public Flow? Get(Guid workspaceId, Guid id) => db.Cache is { } cache
        ? cache.GetOrAdd(new FlowKey(workspaceId, id), () => Shareable(Read(workspaceId, id)))
        : Read(workspaceId, id);

    private Flow? Read(Guid workspaceId, Guid id) =>
        db.Single<Row>($"SELECT {Columns} FROM flows WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id })?.ToFlow(db.Definitions);

    public void Update(Flow flow)
    {
        db.ChangedCachedRows();
        db.Execute(
            """
            UPDATE flows SET name = @Name, search_name = @SearchName, description = @Description, status = @Status,
                definition = @Definition, version = @Version, updated_at = @UpdatedAt, activated_at = @ActivatedAt,
                ui = @Ui
            WHERE workspace_id = @WorkspaceId AND id = @Id
            """, Parameters(flow));
    }

    public bool Delete(Guid workspaceId, Guid id)
    {
        db.ChangedCachedRows();
        return db.Execute("DELETE FROM flows WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id }) == 1;
    }

    public Page<Flow> List(Guid workspaceId, FlowListQuery query, PageRequest page)
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

        return db.Page<Row>(Columns,
                $"""
                FROM flows WHERE workspace_id = @workspaceId AND {db.Dialect.InList("status", "@statuses")}
                    {(search is null ? "" : "AND " + db.Dialect.Contains("search_name", "@search"))}
                """,
                orderBy, page, new { workspaceId, statuses, search })
            .Map(r => r.ToFlow(db.Definitions));
    }

    /// <summary>From the writer's cache when there is one (the trigger dispatcher reads it every round).</summary>
    public IReadOnlyList<Flow> ListActive() => db.Cache is { } cache
        ? cache.GetOrAdd(ActiveKey, () => ReadActive().Select(f => Shareable(f)!).ToList())!
        : ReadActive();

    private List<Flow> ReadActive() =>
        db.Query<Row>($"SELECT {Columns} FROM flows WHERE status = 'active' ORDER BY created_at, id")
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

    public void InsertVersion(Guid flowId, int version, FlowDefinition definition, DateTimeOffset createdAt)
    {
        db.ChangedCachedRows();
        db.Execute(
            """
            INSERT INTO flow_versions (flow_id, version, definition, created_at)
            VALUES (@flowId, @version, @definition, @createdAt)
            """,
            new { flowId, version, definition = RunnelJson.Serialize(definition), createdAt });
    }

    public FlowDefinition? GetVersion(Guid flowId, int version)
    {
        var json = db.Single<string>(
            "SELECT definition FROM flow_versions WHERE flow_id = @flowId AND version = @version",
            new { flowId, version });
        return json is null ? null : db.Definitions.Parse(flowId, version, json);
    }

    // Members arrive with the runtime migration, which replaces this with counts over its members table; until then
    // no flow has had anyone enter.
    public bool ActiveFlowUsesSecret(Guid workspaceId, string name) =>
        ActiveDefinitionsMentioning(workspaceId, name).Any(d => FlowReferences.UsesSecret(d, name));

    public bool ActiveFlowUsesList(Guid workspaceId, Guid listId) =>
        ActiveDefinitionsMentioning(workspaceId, listId.ToString("D"))
            .Any(d => FlowReferences.UsesList(d, listId));

    public bool ActiveFlowUsesPage(Guid workspaceId, Guid pageId) =>
        ActiveDefinitionsMentioning(workspaceId, pageId.ToString("D"))
            .Any(d => FlowReferences.UsesPage(d, pageId));

    public IActivationCatalog ActivationCatalog(Guid workspaceId, Func<Guid, EmailState?> emailLookup) =>
        new SqlActivationCatalog(db, workspaceId, emailLookup);

    /// <summary>
    /// Active flows whose stored JSON contains <paramref name="text"/>: a cheap filter in SQL, so only those few
    /// definitions are read and checked member by member.
    /// </summary>
    private IEnumerable<FlowDefinition> ActiveDefinitionsMentioning(Guid workspaceId, string text) =>
        db.Query<string>(
                $"""
                SELECT definition FROM flows
                WHERE workspace_id = @workspaceId AND status = 'active' AND {db.Dialect.Contains("definition", "@text")}
                """,
                new { workspaceId, text })
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
