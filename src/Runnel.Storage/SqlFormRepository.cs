using System.Text.Json;
using Runnel.Core.Forms;
using Runnel.Core.Json;
using Runnel.Core.Storage;

namespace Runnel.Storage;

internal sealed class SqlFormRepository(SqlDb db) : IFormRepository
{
    private const string Columns = "id, workspace_id, name, fields, list_id, redirect_url, created_at, updated_at";

    public async Task InsertAsync(Form form) => await db.ExecuteAsync(
        $"""
         INSERT INTO forms ({Columns})
         VALUES (@Id, @WorkspaceId, @Name, @Fields, @ListId, @RedirectUrl, @CreatedAt, @UpdatedAt)
         """, Args(form));

    public async Task<Form?> GetAsync(Guid workspaceId, Guid id) =>
        (await db.SingleAsync<Row>($"SELECT {Columns} FROM forms WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id }))?.ToForm();

    public async Task<Form?> FindAsync(Guid id) =>
        (await db.SingleAsync<Row>($"SELECT {Columns} FROM forms WHERE id = @id", new { id }))?.ToForm();

    public async Task<Page<Form>> ListAsync(Guid workspaceId, PageRequest page) =>
        (await db.PageAsync<Row>(Columns, "FROM forms WHERE workspace_id = @workspaceId", "created_at, id", page,
            new { workspaceId })).Map(r => r.ToForm());

    public async Task UpdateAsync(Form form) => await db.ExecuteAsync(
        """
        UPDATE forms SET name = @Name, fields = @Fields, list_id = @ListId, redirect_url = @RedirectUrl,
            updated_at = @UpdatedAt
        WHERE workspace_id = @WorkspaceId AND id = @Id
        """, Args(form));

    public async Task<bool> DeleteAsync(Guid workspaceId, Guid id) =>
        await db.ExecuteAsync("DELETE FROM forms WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id }) == 1;

    public async Task InsertSubmissionAsync(FormSubmission submission) => await db.ExecuteAsync(
        """
        INSERT INTO form_submissions (id, workspace_id, form_id, contact_id, page_id, data, submitted_at)
        VALUES (@Id, @WorkspaceId, @FormId, @ContactId, @PageId, @Data, @SubmittedAt)
        """,
        new
        {
            submission.Id, submission.WorkspaceId, submission.FormId, submission.ContactId, submission.PageId,
            Data = submission.Data.ToJsonString(RunnelJson.Options), submission.SubmittedAt,
        });

    private static object Args(Form form) => new
    {
        form.Id, form.WorkspaceId, form.Name, Fields = JsonSerializer.Serialize(form.Fields, RunnelJson.Options),
        form.ListId, form.RedirectUrl, form.CreatedAt, form.UpdatedAt,
    };

    private sealed class Row
    {
        public Guid Id { get; set; }
        public Guid WorkspaceId { get; set; }
        public string Name { get; set; } = "";
        public string Fields { get; set; } = "[]";
        public Guid? ListId { get; set; }
        public string? RedirectUrl { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public Form ToForm() => new(Id, WorkspaceId, Name,
            JsonSerializer.Deserialize<List<FormField>>(Fields, RunnelJson.Options) ?? [], ListId, RedirectUrl,
            CreatedAt, UpdatedAt);
    }
}
