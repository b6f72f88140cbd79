using Runnel.Core.Storage;
using Runnel.Core.Webhooks;

namespace Runnel.Storage;

internal sealed class SqlWebhookDeliveryRepository(SqlDb db) : IWebhookDeliveryRepository
{
    private const string Columns =
        "id, workspace_id, flow_id, member_id, step_id, visit, idempotency_key, url, method, bearer_token, jwt_secret_ref, fail_member, body, status, attempts, next_attempt_at, last_status_code, last_error, created_at, finished_at";

    public async Task<bool> InsertAsync(WebhookRequest r, DateTimeOffset now)
    {
        var inserted = await db.ExecuteAsync(
            """
            INSERT INTO webhook_deliveries (id, workspace_id, flow_id, member_id, step_id, visit, idempotency_key, url,
                method, bearer_token, jwt_secret_ref, fail_member, body, status, attempts, next_attempt_at, created_at)
            VALUES (@Id, @WorkspaceId, @FlowId, @MemberId, @StepId, @Visit, @IdempotencyKey, @Url, @Method, @BearerToken,
                @JwtSecretRef, @FailMemberOnFailure, @Body, 'pending', 0, @now, @now)
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            new
            {
                r.Id, r.WorkspaceId, r.FlowId, r.MemberId, r.StepId, r.Visit, r.IdempotencyKey, r.Url, r.Method,
                r.BearerToken, r.JwtSecretRef, r.FailMemberOnFailure, r.Body, now,
            }) == 1;
        if (inserted)
        {
            db.WorkWritten |= DueWork.Webhooks;
        }

        return inserted;
    }

    public async Task<WebhookDelivery?> GetAsync(Guid workspaceId, Guid id) => (await db.SingleAsync<Row>(
        $"SELECT {Columns} FROM webhook_deliveries WHERE id = @id AND workspace_id = @workspaceId",
        new { workspaceId, id }))?.ToDelivery();

    public async Task<IReadOnlyList<WebhookDelivery>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil,
        int limit)
    {
        var due = (await db.QueryAsync<Row>(
            $"""
             SELECT {Columns} FROM webhook_deliveries
             WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT @limit
             {db.Dialect.SkipLocked}
             """, new { now, limit })).Select(r => r.ToDelivery()).ToList();
        foreach (var chunk in due.Select(d => d.Request.Id).Chunk(500))
        {
            await db.ExecuteAsync(
                $"UPDATE webhook_deliveries SET next_attempt_at = @leaseUntil WHERE {db.Dialect.InList("id", "@chunk")}",
                new { leaseUntil, chunk = db.Dialect.GuidList(chunk) });
        }

        return due;
    }

    public async Task<DateTimeOffset?> NextDueAsync() => await db.SingleAsync<long?>(
        "SELECT MIN(next_attempt_at) FROM webhook_deliveries WHERE status = 'pending'") is { } ms
        ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
        : null;

    public async Task<bool> UpdateStateAsync(WebhookDelivery d) => await db.ExecuteAsync(
        """
        UPDATE webhook_deliveries SET status = @status, attempts = @Attempts, next_attempt_at = @NextAttemptAt,
            last_status_code = @LastStatusCode, last_error = @LastError, finished_at = @FinishedAt
        WHERE id = @id AND status = 'pending'
        """,
        new
        {
            id = d.Request.Id, status = StatusName(d.Status), d.Attempts, d.NextAttemptAt, d.LastStatusCode,
            d.LastError, d.FinishedAt,
        }) == 1;

    private static string StatusName(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Pending => "pending",
        WebhookDeliveryStatus.Succeeded => "succeeded",
        WebhookDeliveryStatus.Failed => "failed",
        _ => "cancelled",
    };

    private sealed class Row
    {
        public Guid Id { get; set; }
        public Guid WorkspaceId { get; set; }
        public Guid FlowId { get; set; }
        public Guid MemberId { get; set; }
        public string StepId { get; set; } = "";
        public int Visit { get; set; }
        public string IdempotencyKey { get; set; } = "";
        public string Url { get; set; } = "";
        public string Method { get; set; } = "";
        public string? BearerToken { get; set; }
        public string? JwtSecretRef { get; set; }
        public bool FailMember { get; set; }
        public string Body { get; set; } = "";
        public string Status { get; set; } = "";
        public int Attempts { get; set; }
        public DateTimeOffset? NextAttemptAt { get; set; }
        public int? LastStatusCode { get; set; }
        public string? LastError { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? FinishedAt { get; set; }

        public WebhookDelivery ToDelivery() => new(
            new WebhookRequest(Id, WorkspaceId, FlowId, MemberId, StepId, Visit, IdempotencyKey, Url, Method,
                BearerToken, JwtSecretRef, FailMember, Body),
            Status switch
            {
                "pending" => WebhookDeliveryStatus.Pending,
                "succeeded" => WebhookDeliveryStatus.Succeeded,
                "failed" => WebhookDeliveryStatus.Failed,
                _ => WebhookDeliveryStatus.Cancelled,
            },
            Attempts, NextAttemptAt, LastStatusCode, LastError, CreatedAt, FinishedAt);
    }
}
