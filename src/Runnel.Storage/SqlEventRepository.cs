using System.Text.Json.Nodes;
using Runnel.Core.Events;
using Runnel.Core.Json;
using Runnel.Core.Storage;

namespace Runnel.Storage;

internal sealed class SqlEventRepository(SqlDb db) : IEventRepository
{
    private const string Columns = "id, workspace_id, contact_id, event_key, name, properties, occurred_at, created_at";

    public async Task<bool> ExistsAsync(Guid workspaceId, string eventId) => await db.ScalarAsync<long>(
        "SELECT EXISTS (SELECT 1 FROM events WHERE workspace_id = @workspaceId AND event_key = @eventId)",
        new { workspaceId, eventId }) == 1;

    public async Task InsertAsync(ContactEvent e) => await db.ExecuteAsync(
        $"INSERT INTO events ({Columns}) VALUES (@Id, @WorkspaceId, @ContactId, @EventKey, @Name, @Properties, @OccurredAt, @CreatedAt)",
        new
        {
            e.Id,
            e.WorkspaceId,
            e.ContactId,
            EventKey = e.EventId,
            e.Name,
            Properties = e.Properties.ToJsonString(RunnelJson.Options),
            e.OccurredAt,
            e.CreatedAt,
        });

    public async Task<Page<ContactEvent>> ListForContactAsync(Guid workspaceId, Guid contactId, PageRequest page) =>
        (await db.PageAsync<Row>(
            Columns, "FROM events WHERE workspace_id = @workspaceId AND contact_id = @contactId",
            "occurred_at DESC, created_at DESC, id DESC", page, new { workspaceId, contactId }))
        .Map(r => r.ToEvent());

    private sealed class Row
    {
        public Guid Id { get; set; }
        public Guid WorkspaceId { get; set; }
        public Guid ContactId { get; set; }
        public string EventKey { get; set; } = "";
        public string Name { get; set; } = "";
        public string Properties { get; set; } = "{}";
        public DateTimeOffset OccurredAt { get; set; }
        public DateTimeOffset CreatedAt { get; set; }

        public ContactEvent ToEvent() => new(Id, WorkspaceId, ContactId, EventKey, Name,
            JsonNode.Parse(Properties) as JsonObject ?? [], OccurredAt, CreatedAt);
    }
}
