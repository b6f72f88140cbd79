using Runnel.Core.Delivery;
using Runnel.Core.Json;
using Runnel.Core.Members;
using Runnel.Core.Storage;

namespace Runnel.Storage;

internal sealed class SqlOutboxRepository(SqlDb db) : IOutboxRepository
{
    private const string RecordColumns =
        "id, channel, to_address, subject, html, text, headers, created_at, sent_at, member_id, step_id, from_number, "
        + "media_url, sms_encoding, sms_segments, sms_ucs2_characters, status, message_id, delivery_status";

    private const string PendingColumns =
        "id, workspace_id, member_id, step_id, visit, channel, to_address, from_name, from_email, reply_to, subject, "
        + "html, text, headers, idempotency_key, attempts, from_number, media_url, sms_encoding, sms_segments, "
        + "sms_ucs2_characters";

    public async Task<bool> InsertAsync(Guid workspaceId, OutboundMessage m, string status, DateTimeOffset now,
        DateTimeOffset? sentAt)
    {
        var inserted = await db.ExecuteAsync(
            """
            INSERT INTO outbox (id, workspace_id, member_id, step_id, visit, channel, to_address, from_name, from_email,
                reply_to, subject, html, text, headers, idempotency_key, status, attempts, next_attempt_at, created_at,
                sent_at, message_id, from_number, media_url, sms_encoding, sms_segments, sms_ucs2_characters)
            VALUES (@Id, @workspaceId, @memberId, @StepId, @Visit, @Channel, @To, @FromName, @FromEmail, @ReplyTo,
                @Subject, @Html, @Text, @Headers, @IdempotencyKey, @status, 0, @nextAttempt, @now, @sentAt, @messageId,
                @fromNumber, @mediaUrl, @encoding, @segments, @ucs2)
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            new
            {
                m.Id, workspaceId, memberId = m.MemberId == Guid.Empty ? (Guid?)null : m.MemberId,
                StepId = m.StepId.Length == 0 ? null : m.StepId, m.Visit,
                m.Channel, m.To, m.FromName, m.FromEmail, m.ReplyTo,
                fromNumber = m.Sms?.From, mediaUrl = m.Sms?.MediaUrl, encoding = m.Sms?.Encoding,
                segments = m.Sms?.Segments, ucs2 = m.Sms is null ? null : RunnelJson.Serialize(m.Sms.Ucs2Characters),
                m.Subject, m.Html, m.Text, Headers = RunnelJson.Serialize(m.Headers), m.IdempotencyKey, status,
                nextAttempt = status == OutboxStatuses.Pending ? now : (DateTimeOffset?)null, now, sentAt,
                messageId = m.Headers.TryGetValue("Message-ID", out var id) ? MessageIds.Bare(id) : null,
            }) == 1;
        if (inserted && status == OutboxStatuses.Pending)
        {
            db.WorkWritten |= m.Channel == OutboundMessage.SmsChannel ? DueWork.Sms : DueWork.Emails;
        }

        return inserted;
    }

    public async Task<Page<OutboxRecord>> ListAsync(Guid workspaceId, string? to, PageRequest page,
        string? channel = null) =>
        (await db.PageAsync<Row>(RecordColumns,
                "FROM outbox WHERE workspace_id = @workspaceId" + (to is null ? "" : " AND to_address = @to")
                + (channel is null ? "" : " AND channel = @channel"),
                "created_at DESC, id DESC", page, new { workspaceId, to, channel }))
            .Map(r => r.ToRecord());

    public async Task<OutboxRecord?> GetAsync(Guid workspaceId, Guid id) =>
        (await db.SingleAsync<Row>($"SELECT {RecordColumns} FROM outbox WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id }))?.ToRecord();

    public async Task<OutboxRecord?> FindByMessageIdAsync(Guid workspaceId, string bareMessageId) =>
        (await db.SingleAsync<Row>(
            $"SELECT {RecordColumns} FROM outbox WHERE workspace_id = @workspaceId AND message_id = @bareMessageId "
            + "ORDER BY created_at LIMIT 1", new { workspaceId, bareMessageId }))?.ToRecord();

    public async Task<IReadOnlyList<PendingEmail>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil,
        int limit) =>
        (await ClaimAsync(OutboundMessage.EmailChannel, now, leaseUntil, limit))
            .Select(r => new PendingEmail(r.WorkspaceId, r.Attempts, r.ToMessage())).ToList();

    public async Task<IReadOnlyList<PendingSms>> ClaimDueSmsAsync(DateTimeOffset now, DateTimeOffset leaseUntil,
        int limit) =>
        (await ClaimAsync(OutboundMessage.SmsChannel, now, leaseUntil, limit))
            .Select(r => new PendingSms(r.WorkspaceId, r.Attempts, r.ToMessage())).ToList();

    /// <summary>
    /// Claims due pending rows of one channel by moving their next attempt to the lease's end, in the claiming write:
    /// other nodes skip the locked rows, and a claimant that dies leaves them due again once the lease ends.
    /// </summary>
    private async Task<List<PendingRow>> ClaimAsync(string channel, DateTimeOffset now, DateTimeOffset leaseUntil,
        int limit)
    {
        var rows = (await db.QueryAsync<PendingRow>(
            $"""
            SELECT {PendingColumns}
            FROM outbox WHERE status = 'pending' AND channel = @channel AND next_attempt_at <= @now
            ORDER BY next_attempt_at, id LIMIT @limit{db.Dialect.SkipLocked}
            """, new { now, limit, channel })).ToList();
        foreach (var chunk in rows.Select(r => r.Id).Chunk(500))
        {
            await db.ExecuteAsync(
                $"UPDATE outbox SET next_attempt_at = @leaseUntil WHERE {db.Dialect.InList("id", "@chunk")}",
                new { leaseUntil, chunk = db.Dialect.GuidList(chunk) });
        }

        return rows;
    }

    public async Task<DateTimeOffset?> NextAttemptAtAsync(string channel = OutboundMessage.EmailChannel) =>
        await db.SingleAsync<long?>(
            "SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending' AND channel = @channel",
            new { channel }) is { } ms
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;

    public async Task<bool> MarkSmsSentAsync(Guid id, int attempts, DateTimeOffset at, string? providerMessageId) =>
        await db.ExecuteAsync(
            """
            UPDATE outbox SET status = 'sent', sent_at = @at, attempts = @attempts, next_attempt_at = NULL,
                last_error = NULL, message_id = @providerMessageId
            WHERE id = @id AND status = 'pending'
            """, new { id, attempts, at, providerMessageId }) == 1;

    public async Task<(Guid WorkspaceId, OutboxRecord Message)?> FindSmsByProviderIdAsync(string providerMessageId) =>
        await db.SingleAsync<Row>(
                $"SELECT workspace_id, {RecordColumns} FROM outbox WHERE channel = 'sms' AND message_id = @providerMessageId "
                + "ORDER BY created_at LIMIT 1", new { providerMessageId }) is { } row
            ? (row.WorkspaceId, row.ToRecord())
            : null;

    public async Task MarkSentAsync(Guid id, int attempts, DateTimeOffset at) =>
        await db.ExecuteAsync(
            """
            UPDATE outbox SET status = 'sent', sent_at = @at, attempts = @attempts, next_attempt_at = NULL,
                last_error = NULL
            WHERE id = @id AND status = 'pending'
            """, new { id, attempts, at });

    public async Task<bool> MarkRetryAsync(Guid id, int attempts, DateTimeOffset nextAttemptAt, string error) =>
        await db.ExecuteAsync(
            """
            UPDATE outbox SET attempts = @attempts, next_attempt_at = @nextAttemptAt, last_error = @error
            WHERE id = @id AND status = 'pending'
            """,
            new { id, attempts, nextAttemptAt, error }) == 1;

    public async Task<bool> MarkFailedAsync(Guid id, int attempts, string error) =>
        await db.ExecuteAsync(
            """
            UPDATE outbox SET status = 'failed', attempts = @attempts, next_attempt_at = NULL, last_error = @error
            WHERE id = @id AND status = 'pending'
            """, new { id, attempts, error }) == 1;

    public async Task<bool> MarkSkippedAsync(Guid id) => await db.ExecuteAsync(
        "UPDATE outbox SET status = 'skipped', next_attempt_at = NULL WHERE id = @id AND status = 'pending'",
        new { id }) == 1;

    public async Task SetDeliveryStatusAsync(Guid id, string status) =>
        await db.ExecuteAsync("UPDATE outbox SET delivery_status = @status WHERE id = @id", new { id, status });

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
        public Guid WorkspaceId { get; set; }
        public string? FromNumber { get; set; }
        public string? MediaUrl { get; set; }
        public string? SmsEncoding { get; set; }
        public int? SmsSegments { get; set; }
        public string? SmsUcs2Characters { get; set; }
        public string? Status { get; set; }
        public string? MessageId { get; set; }
        public string? DeliveryStatus { get; set; }

        public OutboxRecord ToRecord() => new(Id, Channel, ToAddress, Subject, Html, Text,
            RunnelJson.Deserialize<Dictionary<string, string>>(Headers) ?? [], CreatedAt, SentAt, MemberId, StepId,
            Sms(FromNumber, MediaUrl, SmsEncoding, SmsSegments, SmsUcs2Characters), Status,
            Channel == OutboundMessage.SmsChannel ? MessageId : null, DeliveryStatus);
    }

    private static SmsDetails? Sms(string? from, string? mediaUrl, string? encoding, int? segments, string? ucs2) =>
        from is null
            ? null
            : new SmsDetails(from, mediaUrl, encoding ?? "gsm7", segments ?? 1,
                ucs2 is null ? [] : RunnelJson.Deserialize<string[]>(ucs2) ?? []);

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
        public string? FromNumber { get; set; }
        public string? MediaUrl { get; set; }
        public string? SmsEncoding { get; set; }
        public int? SmsSegments { get; set; }
        public string? SmsUcs2Characters { get; set; }

        public OutboundMessage ToMessage() => new(Id, Channel, ToAddress, FromName, FromEmail, ReplyTo, Subject, Html,
            Text, RunnelJson.Deserialize<Dictionary<string, string>>(Headers) ?? [], MemberId ?? Guid.Empty,
            StepId ?? "", Visit ?? 0, IdempotencyKey,
            Sms(FromNumber, MediaUrl, SmsEncoding, SmsSegments, SmsUcs2Characters));
    }
}
