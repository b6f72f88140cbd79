using Runnel.Core.Delivery;
using Runnel.Core.Json;
using Runnel.Core.Members;
using Runnel.Core.Storage;

namespace Runnel.Storage;

internal sealed class SqlOutboxRepository(SqlDb db) : IOutboxRepository
{
    private const string RecordColumns =
        "id, channel, to_address, subject, html, text, headers, created_at, sent_at, member_id, step_id";

    public bool Insert(Guid workspaceId, OutboundMessage m, string status, DateTimeOffset now, DateTimeOffset? sentAt)
    {
        var inserted = db.Execute(
            """
            INSERT INTO outbox (id, workspace_id, member_id, step_id, visit, channel, to_address, from_name, from_email,
                reply_to, subject, html, text, headers, idempotency_key, status, attempts, next_attempt_at, created_at,
                sent_at, message_id)
            VALUES (@Id, @workspaceId, @MemberId, @StepId, @Visit, @Channel, @To, @FromName, @FromEmail, @ReplyTo,
                @Subject, @Html, @Text, @Headers, @IdempotencyKey, @status, 0, @nextAttempt, @now, @sentAt, @messageId)
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            new
            {
                m.Id, workspaceId, m.MemberId, m.StepId, m.Visit, m.Channel, m.To, m.FromName, m.FromEmail, m.ReplyTo,
                m.Subject, m.Html, m.Text, Headers = RunnelJson.Serialize(m.Headers), m.IdempotencyKey, status,
                nextAttempt = status == OutboxStatuses.Pending ? now : (DateTimeOffset?)null, now, sentAt,
                messageId = m.Headers.TryGetValue("Message-ID", out var id) ? MessageIds.Bare(id) : null,
            }) == 1;
        db.WorkWritten |= inserted && status == OutboxStatuses.Pending;
        return inserted;
    }

    public Page<OutboxRecord> List(Guid workspaceId, string? to, PageRequest page) =>
        db.Page<Row>(RecordColumns,
                "FROM outbox WHERE workspace_id = @workspaceId" + (to is null ? "" : " AND to_address = @to"),
                "created_at DESC, id DESC", page, new { workspaceId, to })
            .Map(r => r.ToRecord());

    public OutboxRecord? Get(Guid workspaceId, Guid id) =>
        db.Single<Row>($"SELECT {RecordColumns} FROM outbox WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id })?.ToRecord();

    public OutboxRecord? FindByMessageId(Guid workspaceId, string bareMessageId) =>
        db.Single<Row>(
            $"SELECT {RecordColumns} FROM outbox WHERE workspace_id = @workspaceId AND message_id = @bareMessageId "
            + "ORDER BY created_at LIMIT 1", new { workspaceId, bareMessageId })?.ToRecord();

    public IReadOnlyList<PendingEmail> ClaimDue(DateTimeOffset now, DateTimeOffset leaseUntil, int limit)
    {
        var rows = db.Query<PendingRow>(
            $"""
            SELECT id, workspace_id, member_id, step_id, visit, channel, to_address, from_name, from_email, reply_to,
                subject, html, text, headers, idempotency_key, attempts
            FROM outbox WHERE status = 'pending' AND next_attempt_at <= @now
            ORDER BY next_attempt_at, id LIMIT @limit{db.Dialect.SkipLocked}
            """, new { now, limit }).ToList();
        foreach (var chunk in rows.Select(r => r.Id).Chunk(500))
        {
            db.Execute($"UPDATE outbox SET next_attempt_at = @leaseUntil WHERE {db.Dialect.InList("id", "@chunk")}",
                new { leaseUntil, chunk = db.Dialect.GuidList(chunk) });
        }

        return rows.Select(r => new PendingEmail(r.WorkspaceId, r.Attempts, new OutboundMessage(r.Id, r.Channel,
                r.ToAddress, r.FromName, r.FromEmail, r.ReplyTo, r.Subject, r.Html, r.Text,
                RunnelJson.Deserialize<Dictionary<string, string>>(r.Headers) ?? [], r.MemberId ?? Guid.Empty,
                r.StepId ?? "", r.Visit ?? 0, r.IdempotencyKey)))
            .ToList();
    }

    public DateTimeOffset? NextAttemptAt() =>
        db.Single<long?>("SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'") is { } ms
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;

    public void MarkSent(Guid id, int attempts, DateTimeOffset at) =>
        db.Execute(
            """
            UPDATE outbox SET status = 'sent', sent_at = @at, attempts = @attempts, next_attempt_at = NULL,
                last_error = NULL
            WHERE id = @id AND status = 'pending'
            """, new { id, attempts, at });

    public void MarkRetry(Guid id, int attempts, DateTimeOffset nextAttemptAt, string error) =>
        db.Execute(
            """
            UPDATE outbox SET attempts = @attempts, next_attempt_at = @nextAttemptAt, last_error = @error
            WHERE id = @id AND status = 'pending'
            """,
            new { id, attempts, nextAttemptAt, error });

    public void MarkFailed(Guid id, int attempts, string error) =>
        db.Execute(
            """
            UPDATE outbox SET status = 'failed', attempts = @attempts, next_attempt_at = NULL, last_error = @error
            WHERE id = @id AND status = 'pending'
            """, new { id, attempts, error });

    public void MarkSkipped(Guid id) => db.Execute(
        "UPDATE outbox SET status = 'skipped', next_attempt_at = NULL WHERE id = @id AND status = 'pending'", new { id });

    public void SetDeliveryStatus(Guid id, string status) =>
        db.Execute("UPDATE outbox SET delivery_status = @status WHERE id = @id", new { id, status });

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

        public OutboxRecord ToRecord() => new(Id, Channel, ToAddress, Subject, Html, Text,
            RunnelJson.Deserialize<Dictionary<string, string>>(Headers) ?? [], CreatedAt, SentAt, MemberId, StepId);
    }

    private sealed class PendingRow
    {
        public Guid Id { get; set; }
        public Guid WorkspaceId { get; set; }
        public Guid? MemberId { get; set; }
        public string? StepId { get; set; }
        public int? Visit { get; set; }
        public string Channel { get; set; } = "";
        public string ToAddress { get; set; } = "";
        public string? FromName { get; set; }
        public string? FromEmail { get; set; }
        public string? ReplyTo { get; set; }
        public string? Subject { get; set; }
        public string? Html { get; set; }
        public string? Text { get; set; }
        public string Headers { get; set; } = "{}";
        public string IdempotencyKey { get; set; } = "";
        public int Attempts { get; set; }
    }
}
