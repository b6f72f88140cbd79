using Runnel.Core.Emails;
using Runnel.Core.Storage;

namespace Runnel.Storage;

internal sealed class SqlTemplateRepository(SqlDb db) : ITemplateRepository
{
    private const string Columns = "id, workspace_id, name, html, text, created_at, updated_at";

    public void Insert(EmailTemplate template) => db.Execute(
        $"INSERT INTO templates ({Columns}) VALUES (@Id, @WorkspaceId, @Name, @Html, @Text, @CreatedAt, @UpdatedAt)",
        template);

    public EmailTemplate? Get(Guid workspaceId, Guid id) =>
        db.Single<Row>($"SELECT {Columns} FROM templates WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id })?.ToTemplate();

    public Page<EmailTemplate> List(Guid workspaceId, PageRequest page) =>
        db.Page<Row>(Columns, "FROM templates WHERE workspace_id = @workspaceId", "created_at DESC, id DESC", page,
            new { workspaceId }).Map(r => r.ToTemplate());

    public void Update(EmailTemplate template) => db.Execute(
        "UPDATE templates SET name = @Name, html = @Html, text = @Text, updated_at = @UpdatedAt WHERE workspace_id = @WorkspaceId AND id = @Id",
        template);

    public bool Delete(Guid workspaceId, Guid id) => db.Execute(
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
