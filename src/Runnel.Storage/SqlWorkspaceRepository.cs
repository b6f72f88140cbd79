using Runnel.Core.Json;
using Runnel.Core.Storage;
using Runnel.Core.Workspaces;

namespace Runnel.Storage;

internal sealed class SqlWorkspaceRepository(SqlDb db) : IWorkspaceRepository
{
    private const string Columns =
        "id, name, timezone, postal_address, sms_help_text, default_from_email, default_from_name, is_default, created_at, updated_at, sms_from, quiet_hours";

    public async Task InsertAsync(Workspace w)
    {
        db.ChangedCachedRows();
        await db.ExecuteAsync(
            $"INSERT INTO workspaces ({Columns}) VALUES (@Id, @Name, @Timezone, @PostalAddress, @SmsHelpText, @DefaultFromEmail, @DefaultFromName, @IsDefault, @CreatedAt, @UpdatedAt, @SmsFrom, @quietHours)",
            Args(w));
    }

    /// <summary>From the writer's cache when there is one (a new contact takes its workspace's time zone).</summary>
    public async Task<Workspace?> GetAsync(Guid id) => db.Cache is { } cache
        ? await cache.GetOrAddAsync(new WorkspaceKey(id), () => ReadAsync(id))
        : await ReadAsync(id);

    private async Task<Workspace?> ReadAsync(Guid id) =>
        (await db.SingleAsync<Row>($"SELECT {Columns} FROM workspaces WHERE id = @id", new { id }))?.ToWorkspace();

    private sealed record WorkspaceKey(Guid Id);

    public async Task<Workspace?> GetDefaultAsync() =>
        (await db.SingleAsync<Row>($"SELECT {Columns} FROM workspaces WHERE is_default = TRUE"))?.ToWorkspace();

    public async Task<Page<Workspace>> ListAsync(PageRequest page) =>
        (await db.PageAsync<Row>(Columns, "FROM workspaces", "created_at, id", page)).Map(r => r.ToWorkspace());

    public async Task UpdateAsync(Workspace w)
    {
        db.ChangedCachedRows();
        await db.ExecuteAsync(
            """
            UPDATE workspaces SET name = @Name, timezone = @Timezone, postal_address = @PostalAddress,
                sms_help_text = @SmsHelpText, default_from_email = @DefaultFromEmail,
                default_from_name = @DefaultFromName, updated_at = @UpdatedAt, sms_from = @SmsFrom,
                quiet_hours = @quietHours
            WHERE id = @Id
            """, Args(w));
    }

    public async Task<Workspace?> FindBySmsFromAsync(string e164) =>
        (await db.SingleAsync<Row>($"SELECT {Columns} FROM workspaces WHERE sms_from = @e164",
            new { e164 }))?.ToWorkspace();

    private static object Args(Workspace w) => new
    {
        w.Id, w.Name, w.Timezone, w.PostalAddress, w.SmsHelpText, w.DefaultFromEmail, w.DefaultFromName, w.IsDefault,
        w.CreatedAt, w.UpdatedAt, w.SmsFrom,
        quietHours = w.QuietHours is null ? null : RunnelJson.Serialize(w.QuietHours),
    };

    private sealed class Row
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
        public string Timezone { get; set; } = "";
        public string? PostalAddress { get; set; }
        public string? SmsHelpText { get; set; }
        public string? DefaultFromEmail { get; set; }
        public string? DefaultFromName { get; set; }
        public bool IsDefault { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public string? SmsFrom { get; set; }
        public string? QuietHours { get; set; }

        public Workspace ToWorkspace() => new(Id, Name, Timezone, PostalAddress, SmsHelpText, DefaultFromEmail,
            DefaultFromName, IsDefault, CreatedAt, UpdatedAt, SmsFrom,
            QuietHours is null ? null : RunnelJson.Deserialize<Core.Flows.QuietHours>(QuietHours));
    }
}
