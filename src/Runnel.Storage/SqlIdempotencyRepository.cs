using Runnel.Core.Storage;
using Runnel.Core.Workspaces;

namespace Runnel.Storage;

internal sealed class SqlIdempotencyRepository(SqlDb db) : IIdempotencyRepository
{
    private const string Where = "WHERE api_key_id = @apiKeyId AND key = @key";

    public async Task<IdempotencyRecord?> GetAsync(Guid apiKeyId, string key)
    {
        var row = await db.SingleAsync<Row>(
            $"SELECT request_hash, token, lease_owner, lease_until, status_code, content_type, body, created_at FROM idempotency_keys {Where}",
            new { apiKeyId, key });
        return row is null
            ? null
            : new IdempotencyRecord(row.RequestHash, row.Token, row.LeaseOwner, row.LeaseUntil, row.StatusCode,
                row.ContentType, row.Body, row.CreatedAt);
    }

    public async Task<IReadOnlyList<IdempotentWrite>> GetWritesAsync(Guid apiKeyId, string key) =>
        (await db.QueryAsync<WriteRow>($"SELECT result_type, result FROM idempotency_writes {Where} ORDER BY seq",
            new { apiKeyId, key }))
        .Select(w => new IdempotentWrite(w.ResultType, w.Result))
        .ToList();

    public async Task StartAsync(Guid apiKeyId, string key, Guid workspaceId, string requestHash, string token,
        string owner, DateTimeOffset leaseUntil, DateTimeOffset now)
    {
        await db.ExecuteAsync($"DELETE FROM idempotency_writes {Where}", new { apiKeyId, key });
        await db.ExecuteAsync(
            """
            INSERT INTO idempotency_keys (api_key_id, key, workspace_id, request_hash, token, lease_owner, lease_until,
                created_at)
            VALUES (@apiKeyId, @key, @workspaceId, @requestHash, @token, @owner, @leaseUntil, @now)
            ON CONFLICT (api_key_id, key) DO UPDATE SET workspace_id = excluded.workspace_id,
                request_hash = excluded.request_hash, token = excluded.token, lease_owner = excluded.lease_owner,
                lease_until = excluded.lease_until, created_at = excluded.created_at, status_code = NULL,
                content_type = NULL, body = NULL
            """, new { apiKeyId, key, workspaceId, requestHash, token, owner, leaseUntil, now });
    }

    public async Task TakeOverAsync(Guid apiKeyId, string key, string token, string owner, DateTimeOffset leaseUntil) =>
        await db.ExecuteAsync(
            $"UPDATE idempotency_keys SET token = @token, lease_owner = @owner, lease_until = @leaseUntil {Where}",
            new { apiKeyId, key, token, owner, leaseUntil });

    // The update comes first: it locks the record, so on PostgreSQL a concurrent take-over and this write cannot both
    // commit (one of them fails to serialize and is re-run, then sees the other's token).
    public async Task<bool> RecordWriteAsync(Guid apiKeyId, string key, string token, int seq, IdempotentWrite write,
        DateTimeOffset leaseUntil)
    {
        if (await db.ExecuteAsync($"UPDATE idempotency_keys SET lease_until = @leaseUntil {Where} AND token = @token",
                new { apiKeyId, key, token, leaseUntil }) == 0)
        {
            return false;
        }

        await db.ExecuteAsync(
            """
            INSERT INTO idempotency_writes (api_key_id, key, seq, result_type, result)
            VALUES (@apiKeyId, @key, @seq, @resultType, @result)
            """, new { apiKeyId, key, seq, resultType = write.ResultType, result = write.Result });
        return true;
    }

    public async Task<bool> CompleteAsync(Guid apiKeyId, string key, string token, int statusCode, string? contentType,
        byte[] body)
    {
        if (await db.ExecuteAsync(
                $"""
                 UPDATE idempotency_keys SET status_code = @statusCode, content_type = @contentType, body = @body,
                     token = NULL, lease_owner = NULL, lease_until = NULL
                 {Where} AND token = @token
                 """, new { apiKeyId, key, token, statusCode, contentType, body }) == 0)
        {
            return false;
        }

        await db.ExecuteAsync($"DELETE FROM idempotency_writes {Where}", new { apiKeyId, key });
        return true;
    }

    public async Task ReleaseAsync(Guid apiKeyId, string key, string token)
    {
        await db.ExecuteAsync(
            $"""
             DELETE FROM idempotency_keys {Where} AND token = @token
             AND NOT EXISTS (SELECT 1 FROM idempotency_writes w WHERE w.api_key_id = @apiKeyId AND w.key = @key)
             """, new { apiKeyId, key, token });
        await db.ExecuteAsync(
            $"UPDATE idempotency_keys SET token = NULL, lease_owner = NULL, lease_until = NULL {Where} AND token = @token",
            new { apiKeyId, key, token });
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset createdBefore)
    {
        await db.ExecuteAsync(
            """
            DELETE FROM idempotency_writes WHERE EXISTS (SELECT 1 FROM idempotency_keys k
                WHERE k.api_key_id = idempotency_writes.api_key_id AND k.key = idempotency_writes.key
                AND k.created_at < @createdBefore)
            """, new { createdBefore });
        return await db.ExecuteAsync("DELETE FROM idempotency_keys WHERE created_at < @createdBefore",
            new { createdBefore });
    }

    private sealed class Row
    {
        public string RequestHash { get; set; } = "";
        public string? Token { get; set; }
        public string? LeaseOwner { get; set; }
        public DateTimeOffset? LeaseUntil { get; set; }
        public int? StatusCode { get; set; }
        public string? ContentType { get; set; }
        public byte[]? Body { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }

    private sealed class WriteRow
    {
        public string ResultType { get; set; } = "";
        public byte[] Result { get; set; } = [];
    }
}
