using Runnel.Core.Emails;
using Runnel.Core.Storage;

namespace Runnel.Storage;

internal sealed class SqlEmailRepository(SqlDb db) : IEmailRepository
{
    private const string Columns =
        "id, workspace_id, name, subject, preheader, from_name, from_email, reply_to, html, text, status, approved_at, created_at, updated_at";

    private const string RevisionColumns =
        "email_id, revision, workspace_id, subject, preheader, from_name, from_email, reply_to, html, text, approved_at";

    public async Task InsertAsync(Email email) => await db.ExecuteAsync(
        $"INSERT INTO emails ({Columns}) VALUES (@Id, @WorkspaceId, @Name, @Subject, @Preheader, @FromName, @FromEmail, @ReplyTo, @Html, @Text, @Status, @ApprovedAt, @CreatedAt, @UpdatedAt)",
        Parameters(email));

    public async Task<Email?> GetAsync(Guid workspaceId, Guid id) =>
        (await db.SingleAsync<Row>($"SELECT {Columns} FROM emails WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id }))?.ToEmail();

    public async Task<Page<Email>> ListAsync(Guid workspaceId, PageRequest page) =>
        (await db.PageAsync<Row>(Columns, "FROM emails WHERE workspace_id = @workspaceId", "created_at DESC, id DESC",
            page, new { workspaceId })).Map(r => r.ToEmail());

    public async Task UpdateAsync(Email email) => await db.ExecuteAsync(
        """
        UPDATE emails SET name = @Name, subject = @Subject, preheader = @Preheader, from_name = @FromName,
            from_email = @FromEmail, reply_to = @ReplyTo, html = @Html, text = @Text, status = @Status,
            approved_at = @ApprovedAt, updated_at = @UpdatedAt
        WHERE workspace_id = @WorkspaceId AND id = @Id
        """, Parameters(email));

    public async Task<EmailStatus?> GetStatusAsync(Guid workspaceId, Guid emailId) =>
        await db.SingleAsync<string>("SELECT status FROM emails WHERE workspace_id = @workspaceId AND id = @emailId",
            new { workspaceId, emailId }) is { } status
            ? ParseStatus(status)
            : null;

    public async Task AddApprovedRevisionAsync(ApprovedEmail revision) => await db.ExecuteAsync(
        $"INSERT INTO email_revisions ({RevisionColumns}) VALUES (@EmailId, @Revision, @WorkspaceId, @Subject, @Preheader, @FromName, @FromEmail, @ReplyTo, @Html, @Text, @ApprovedAt)",
        revision);

    public async Task<ApprovedEmail?> GetApprovedAsync(Guid workspaceId, Guid emailId) =>
        (await db.SingleAsync<RevisionRow>(
        $"SELECT {RevisionColumns} FROM email_revisions WHERE workspace_id = @workspaceId AND email_id = @emailId ORDER BY revision DESC LIMIT 1",
        new { workspaceId, emailId }))?.ToApproved();

    private static object Parameters(Email e) => new
    {
        e.Id,
        e.WorkspaceId,
        e.Name,
        e.Subject,
        e.Preheader,
        e.FromName,
        e.FromEmail,
        e.ReplyTo,
        e.Html,
        e.Text,
        Status = e.Status == EmailStatus.Approved ? "approved" : "draft",
        e.ApprovedAt,
        e.CreatedAt,
        e.UpdatedAt,
    };

    private static EmailStatus ParseStatus(string status) =>
        status == "approved" ? EmailStatus.Approved : EmailStatus.Draft;

    private sealed class Row
    {
        public Guid Id { get; set; }
        public Guid WorkspaceId { get; set; }
        public string Name { get; set; } = "";
        public string Subject { get; set; } = "";
        public string? Preheader { get; set; }
        public string? FromName { get; set; }
        public string? FromEmail { get; set; }
        public string? ReplyTo { get; set; }
        public string? Html { get; set; }
        public string? Text { get; set; }
        public string Status { get; set; } = "draft";
        public DateTimeOffset? ApprovedAt { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public Email ToEmail() => new(Id, WorkspaceId, Name, Subject, Preheader, FromName, FromEmail, ReplyTo, Html,
            Text, ParseStatus(Status), ApprovedAt, CreatedAt, UpdatedAt);
    }

    private sealed class RevisionRow
    {
        public Guid EmailId { get; set; }
        public int Revision { get; set; }
        public Guid WorkspaceId { get; set; }
        public string Subject { get; set; } = "";
        public string? Preheader { get; set; }
        public string? FromName { get; set; }
        public string FromEmail { get; set; } = "";
        public string? ReplyTo { get; set; }
        public string? Html { get; set; }
        public string? Text { get; set; }
        public DateTimeOffset ApprovedAt { get; set; }

        public ApprovedEmail ToApproved() => new(EmailId, WorkspaceId, Revision, Subject, Preheader, FromName,
            FromEmail, ReplyTo, Html, Text, ApprovedAt);
    }
}
