using Runnel.Core.Delivery;
using Runnel.Core.Storage;

namespace Runnel.Storage;

internal sealed class SqlSmsInboundRepository(SqlDb db) : ISmsInboundRepository
{
    private const string Columns =
        "workspace_id, provider_message_id, contact_id, from_number, to_number, body, routed_to, member_id, received_at";

    public async Task<InboundSmsRecord?> FindAsync(Guid workspaceId, string providerMessageId) =>
        (await db.SingleAsync<Row>(
            $"SELECT {Columns} FROM sms_inbound WHERE workspace_id = @workspaceId AND provider_message_id = @providerMessageId",
            new { workspaceId, providerMessageId }))?.ToRecord();

    public async Task<bool> InsertAsync(InboundSmsRecord r) => await db.ExecuteAsync(
        $"""
        INSERT INTO sms_inbound ({Columns})
        VALUES (@WorkspaceId, @ProviderMessageId, @ContactId, @From, @To, @Body, @RoutedTo, @MemberId, @ReceivedAt)
        ON CONFLICT (workspace_id, provider_message_id) DO NOTHING
        """, r) == 1;

    public async Task<IReadOnlyList<InboundSmsRecord>> ListForContactAsync(Guid workspaceId, Guid contactId,
        int limit) =>
        (await db.QueryAsync<Row>(
            $"""
            SELECT {Columns} FROM sms_inbound WHERE workspace_id = @workspaceId AND contact_id = @contactId
            ORDER BY received_at DESC, provider_message_id DESC LIMIT @limit
            """, new { workspaceId, contactId, limit })).Select(r => r.ToRecord()).ToList();

    public async Task<int> DeleteForContactAsync(Guid workspaceId, Guid contactId) => await db.ExecuteAsync(
        "DELETE FROM sms_inbound WHERE workspace_id = @workspaceId AND contact_id = @contactId",
        new { workspaceId, contactId });

    private sealed class Row
    {
        public Guid WorkspaceId { get; set; }
        public string ProviderMessageId { get; set; } = "";
        public Guid ContactId { get; set; }
        public string FromNumber { get; set; } = "";
        public string ToNumber { get; set; } = "";
        public string Body { get; set; } = "";
        public string RoutedTo { get; set; } = "";
        public Guid? MemberId { get; set; }
        public DateTimeOffset ReceivedAt { get; set; }

        public InboundSmsRecord ToRecord() => new(WorkspaceId, ProviderMessageId, ContactId, FromNumber, ToNumber, Body,
            RoutedTo, MemberId, ReceivedAt);
    }
}
