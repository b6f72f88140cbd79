using Runnel.Core.Contacts;
using Runnel.Core.Storage;

namespace Runnel.Storage;

internal sealed class SqlCustomFieldRepository(SqlDb db) : ICustomFieldRepository
{
    private const string Columns = "workspace_id, api_name, label, type, status, created_at, updated_at";

    public async Task InsertAsync(CustomField field) => await db.ExecuteAsync(
        $"INSERT INTO custom_fields ({Columns}) VALUES (@WorkspaceId, @ApiName, @Label, @Type, @Status, @CreatedAt, @UpdatedAt)",
        Row.From(field));

    public async Task<CustomField?> GetAsync(Guid workspaceId, string apiName) => (await db.SingleAsync<Row>(
        $"SELECT {Columns} FROM custom_fields WHERE workspace_id = @workspaceId AND api_name = @apiName",
        new { workspaceId, apiName }))?.ToField();

    public async Task<IReadOnlyDictionary<string, CustomField>> GetAllAsync(Guid workspaceId) =>
        (await db.QueryAsync<Row>(
            $"SELECT {Columns} FROM custom_fields WHERE workspace_id = @workspaceId", new { workspaceId }))
        .Select(r => r.ToField()).ToDictionary(f => f.ApiName, StringComparer.Ordinal);

    public async Task<Page<CustomField>> ListAsync(Guid workspaceId, PageRequest page) =>
        (await db.PageAsync<Row>(Columns, "FROM custom_fields WHERE workspace_id = @workspaceId",
            "created_at, api_name", page, new { workspaceId })).Map(r => r.ToField());

    public async Task UpdateAsync(CustomField field) => await db.ExecuteAsync(
        """
        UPDATE custom_fields SET label = @Label, status = @Status, updated_at = @UpdatedAt
        WHERE workspace_id = @WorkspaceId AND api_name = @ApiName
        """, Row.From(field));

    private sealed class Row
    {
        public Guid WorkspaceId { get; set; }
        public string ApiName { get; set; } = "";
        public string Label { get; set; } = "";
        public string Type { get; set; } = "";
        public string Status { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public static Row From(CustomField f) => new()
        {
            WorkspaceId = f.WorkspaceId,
            ApiName = f.ApiName,
            Label = f.Label,
            Type = f.Type.ToString().ToLowerInvariant(),
            Status = f.Status.ToString().ToLowerInvariant(),
            CreatedAt = f.CreatedAt,
            UpdatedAt = f.UpdatedAt,
        };

        public CustomField ToField() => new(WorkspaceId, ApiName, Label,
            Enum.Parse<CustomFieldType>(Type, ignoreCase: true),
            Enum.Parse<CustomFieldStatus>(Status, ignoreCase: true), CreatedAt, UpdatedAt);
    }
}
