using Runnel.Core.Storage;
using Runnel.Core.Workspaces;

namespace Runnel.Storage;

internal sealed class SqlIdempotencyRepository(SqlDb db) : IIdempotencyRepository
{
    public IdempotencyRecord? TryClaim(Guid workspaceId, string key, string requestHash, DateTimeOffset now,
        DateTimeOffset abandonedBefore, DateTimeOffset expiredBefore)
    {
        var existing = db.Single<Row>(
            "SELECT request_hash, status_code, content_type, body, created_at FROM idempotency_keys WHERE workspace_id = @workspaceId AND key = @key",
            new { workspaceId, key });
        if (existing is not null && existing.CreatedAt >= expiredBefore
            && (existing.StatusCode is not null || existing.CreatedAt >= abandonedBefore))
        {
            return new IdempotencyRecord(existing.RequestHash, existing.StatusCode, existing.ContentType, existing.Body,
                existing.CreatedAt);
        }

        db.Execute(
            """
            INSERT INTO idempotency_keys (workspace_id, key, request_hash, created_at)
            VALUES (@workspaceId, @key, @requestHash, @now)
            ON CONFLICT (workspace_id, key) DO UPDATE SET request_hash = excluded.request_hash,
                created_at = excluded.created_at, status_code = NULL, content_type = NULL, body = NULL
            """, new { workspaceId, key, requestHash, now });
        return null;
    }

    public void Complete(Guid workspaceId, string key, int statusCode, string? contentType, byte[] body,
        DateTimeOffset now) => db.Execute(
        "UPDATE idempotency_keys SET status_code = @statusCode, content_type = @contentType, body = @body WHERE workspace_id = @workspaceId AND key = @key",
        new { workspaceId, key, statusCode, contentType, body });

    public void Release(Guid workspaceId, string key) => db.Execute(
        "DELETE FROM idempotency_keys WHERE workspace_id = @workspaceId AND key = @key AND status_code IS NULL",
        new { workspaceId, key });

    public int DeleteExpired(DateTimeOffset createdBefore) =>
        db.Execute("DELETE FROM idempotency_keys WHERE created_at < @createdBefore", new { createdBefore });

    private sealed class Row
    {
        public string RequestHash { get; set; } = "";
        public int? StatusCode { get; set; }
        public string? ContentType { get; set; }
        public byte[]? Body { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }
}
