using Runnel.Core.Json;
using Runnel.Core.Runtime;
using Runnel.Core.Storage;

namespace Runnel.Storage.Sqlite;

internal sealed class SqliteOutboxRepository(SqliteDb db) : IOutboxRepository
{
    public bool Insert(Guid workspaceId, OutboundMessage m, string status, DateTimeOffset now, DateTimeOffset? sentAt) =>
        db.Execute(
            """
            INSERT INTO outbox (id, workspace_id, member_id, step_id, visit, channel, to_address, from_name, from_email,
                reply_to, subject, html, text, headers, idempotency_key, status, attempts, next_attempt_at, created_at,
                sent_at)
            VALUES (@Id, @workspaceId, @MemberId, @StepId, @Visit, @Channel, @To, @FromName, @FromEmail, @ReplyTo,
                @Subject, @Html, @Text, @Headers, @IdempotencyKey, @status, 0, @nextAttempt, @now, @sentAt)
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            new
            {
                m.Id, workspaceId, m.MemberId, m.StepId, m.Visit, m.Channel, m.To, m.FromName, m.FromEmail, m.ReplyTo,
                m.Subject, m.Html, m.Text, Headers = RunnelJson.Serialize(m.Headers), m.IdempotencyKey, status,
                nextAttempt = status == "pending" ? now : (DateTimeOffset?)null, now, sentAt,
            }) == 1;

    public Page<OutboxRecord> List(Guid workspaceId, string? to, PageRequest page) =>
        db.Page<Row>("id, channel, to_address, subject, html, text, headers, created_at, sent_at, member_id, step_id",
                "FROM outbox WHERE workspace_id = @workspaceId AND (@to IS NULL OR to_address = @to)",
                "created_at DESC, id DESC", page, new { workspaceId, to })
            .Map(r => new OutboxRecord(r.Id, r.Channel, r.ToAddress, r.Subject, r.Html, r.Text,
                RunnelJson.Deserialize<Dictionary<string, string>>(r.Headers) ?? [], r.CreatedAt, r.SentAt, r.MemberId,
                r.StepId));

    private sealed class Row
    {
        public Guid Id { get; set; }
        public string Channel { get; set; } = "";
        public string ToAddress { get; set; } = "";
        public string? Subject { get; set; }
        public string? Html { get; set; }
        public string? Text { get; set; }
        public string Headers { get; set; } = "{}";
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? SentAt { get; set; }
        public Guid? MemberId { get; set; }
        public string? StepId { get; set; }
    }
}
