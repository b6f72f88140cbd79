using Runnel.Core.Json;
using Runnel.Core.Storage;
using Runnel.Core.Workspaces;

namespace Runnel.Storage;

internal sealed class SqlApiKeyRepository(SqlDb db) : IApiKeyRepository
{
    private const string Columns = "id, workspace_id, name, kind, scopes, allowed_origins, key_hash, created_at, revoked_at";

    public async Task InsertAsync(ApiKey key) => await db.ExecuteAsync(
        $"INSERT INTO api_keys ({Columns}) VALUES (@Id, @WorkspaceId, @Name, @Kind, @Scopes, @AllowedOrigins, @KeyHash, @CreatedAt, @RevokedAt)",
        new
        {
            key.Id,
            key.WorkspaceId,
            key.Name,
            Kind = key.Kind == ApiKeyKind.Public ? "public" : "secret",
            Scopes = RunnelJson.Serialize(key.Scopes),
            AllowedOrigins = key.AllowedOrigins is null ? null : RunnelJson.Serialize(key.AllowedOrigins),
            key.KeyHash,
            key.CreatedAt,
            key.RevokedAt,
        });

    public async Task<ApiKey?> FindActiveByHashAsync(string keyHash) =>
        (await db.SingleAsync<Row>($"SELECT {Columns} FROM api_keys WHERE key_hash = @keyHash AND revoked_at IS NULL",
            new { keyHash }))
            ?.ToKey();

    public async Task<bool> AnyExistsAsync() =>
        await db.ScalarAsync<long>("SELECT EXISTS (SELECT 1 FROM api_keys)") == 1;

    public async Task<Page<ApiKey>> ListAsync(Guid workspaceId, PageRequest page) =>
        (await db.PageAsync<Row>(Columns, "FROM api_keys WHERE workspace_id = @workspaceId AND revoked_at IS NULL",
            "created_at, id", page, new { workspaceId })).Map(r => r.ToKey());

    public async Task<bool> RevokeAsync(Guid workspaceId, Guid id, DateTimeOffset at) => await db.ExecuteAsync(
        "UPDATE api_keys SET revoked_at = @at WHERE id = @id AND workspace_id = @workspaceId AND revoked_at IS NULL",
        new { id, workspaceId, at }) == 1;

    private sealed class Row
    {
        public Guid Id { get; set; }
        public Guid WorkspaceId { get; set; }
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Scopes { get; set; } = "[]";
        public string? AllowedOrigins { get; set; }
        public string KeyHash { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? RevokedAt { get; set; }

        public ApiKey ToKey() => new(Id, WorkspaceId, Name, Kind == "public" ? ApiKeyKind.Public : ApiKeyKind.Secret,
            RunnelJson.Deserialize<string[]>(Scopes)!,
            AllowedOrigins is null ? null : RunnelJson.Deserialize<string[]>(AllowedOrigins), KeyHash, CreatedAt,
            RevokedAt);
    }
}
