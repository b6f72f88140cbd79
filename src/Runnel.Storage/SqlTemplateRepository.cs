using Runnel.Core.Emails;
using Runnel.Core.Storage;

namespace Runnel.Storage;

internal sealed class SqlTemplateRepository(SqlDb db) : ITemplateRepository
{
    private const string Columns = "id, workspace_id, name, html, text, created_at, updated_at";

    public async Task InsertAsync(EmailTemplate template) => await db.ExecuteAsync(
        $"INSERT INTO templates ({Columns}) VALUES (@Id, @WorkspaceId, @Name, @Html, @Text, @CreatedAt, @UpdatedAt)",
        template);

    public async Task<EmailTemplate?> GetAsync(Guid workspaceId, Guid id) =>
        (await db.SingleAsync<Row>($"SELECT {Columns} FROM templates WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id }))?.ToTemplate();

    public async Task<Page<EmailTemplate>> ListAsync(Guid workspaceId, PageRequest page) =>
        (await db.PageAsync<Row>(Columns, "FROM templates WHERE workspace_id = @workspaceId",
            "created_at DESC, id DESC", page, new { workspaceId })).Map(r => r.ToTemplate());

    public async Task UpdateAsync(EmailTemplate template) => await db.ExecuteAsync(
        "UPDATE templates SET name = @Name, html = @Html, text = @Text, updated_at = @UpdatedAt WHERE workspace_id = @WorkspaceId AND id = @Id",
        template);

    public async Task<bool> DeleteAsync(Guid workspaceId, Guid id) => await db.ExecuteAsync(
        "DELETE FROM templates WHERE workspace_id = @workspaceId AND id = @id", new { workspaceId, id }) == 1;

    private sealed class Row
    {
        public Guid Id { get; set; }
        public Guid WorkspaceId { get; set; }
        public string Name { get; set; } = "";
        public string Html { get; set; } = "";
        public string? Text { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public EmailTemplate ToTemplate() => new(Id, WorkspaceId, Name, Html, Text, CreatedAt, UpdatedAt);
    }
}
