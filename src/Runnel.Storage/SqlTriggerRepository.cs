using System.Text.Json.Nodes;
using Runnel.Core.Json;
using Runnel.Core.Services;
using Runnel.Core.Storage;
using Runnel.Core.Triggers;

namespace Runnel.Storage;

internal sealed class SqlTriggerRepository(SqlDb db) : ITriggerRepository
{
    public async Task AppendAsync(TriggerEvent e)
    {
        await db.ExecuteAsync(
            """
            INSERT INTO trigger_events (workspace_id, type, contact_id, subject, data, occurred_at)
            VALUES (@WorkspaceId, @Type, @ContactId, @Subject, @Data, @OccurredAt)
            """,
            new
            {
                e.WorkspaceId, e.Type, e.ContactId, e.Subject, Data = e.Data.ToJsonString(RunnelJson.Options),
                e.OccurredAt,
            });
        db.WorkWritten |= DueWork.Triggers;
    }

    private static readonly object IndexKey = new();

    public async Task<bool> MayFireAsync(TriggerEvent e) => db.Cache is not { } cache
        || (await cache.GetOrAddAsync(IndexKey, async () =>
            await TriggerIndex.BuildAsync(new SqlSession(db), await new SqlFlowRepository(db).ListActiveAsync())))!
        .Candidates(e).Count > 0;

    public async Task<bool> AnyPendingAsync() =>
        await db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM (SELECT 1 FROM trigger_events WHERE dispatched_at IS NULL LIMIT 1) p") > 0;

    public async Task<IReadOnlyList<TriggerEvent>> ClaimPendingAsync(int limit) => (await db.QueryAsync<Row>(
            $"""
            SELECT seq, workspace_id, type, contact_id, subject, data, occurred_at FROM trigger_events
            WHERE dispatched_at IS NULL ORDER BY seq LIMIT @limit{db.Dialect.SkipLocked}
            """, new { limit }))
        .Select(r => r.ToEvent()).ToList();

    public async Task MarkDispatchedAsync(IReadOnlyCollection<long> seqs, DateTimeOffset at)
    {
        // Chunks keep each statement below SQLite's bound on parameters.
        foreach (var chunk in seqs.Chunk(500))
        {
            await db.ExecuteAsync(
                $"UPDATE trigger_events SET dispatched_at = @at WHERE {db.Dialect.InList("seq", "@chunk")}",
                new { at, chunk });
        }
    }

    public async Task MarkActivationAsync(Guid flowId, DateTimeOffset at)
    {
        await db.ExecuteAsync(
            """
            INSERT INTO flow_trigger_marks (flow_id, after_seq, active_since)
            VALUES (@flowId, (SELECT COALESCE(MAX(seq), 0) FROM trigger_events), @at)
            ON CONFLICT (flow_id) DO UPDATE SET after_seq = excluded.after_seq, active_since = excluded.active_since
            """, new { flowId, at });
        // An activation changes what is due without writing a due row: members of a resumed flow whose wake time
        // passed while it was paused are due now, and its date triggers join the schedule.
        db.WorkWritten |= DueWork.Members | DueWork.Triggers;
    }

    public async Task<FlowTriggerMark?> GetMarkAsync(Guid flowId) => await db.SingleAsync<MarkRow>(
        "SELECT after_seq, active_since FROM flow_trigger_marks WHERE flow_id = @flowId",
        new { flowId }) is { } row
        ? new FlowTriggerMark(row.AfterSeq, row.ActiveSince)
        : null;

    public async Task<string?> LastDateRunAsync(Guid flowId, int version, int triggerIndex) =>
        await db.SingleAsync<string>(
        """
        SELECT run_date FROM date_trigger_runs
        WHERE flow_id = @flowId AND flow_version = @version AND trigger_index = @triggerIndex
        """, new { flowId, version, triggerIndex });

    public async Task RecordDateRunAsync(Guid flowId, int version, int triggerIndex, string runDate) =>
        await db.ExecuteAsync(
        $"""
        INSERT INTO date_trigger_runs (flow_id, flow_version, trigger_index, run_date)
        VALUES (@flowId, @version, @triggerIndex, @runDate)
        ON CONFLICT (flow_id, flow_version, trigger_index) DO UPDATE
            SET run_date = {db.Dialect.Greatest("date_trigger_runs.run_date", "excluded.run_date")}
        """, new { flowId, version, triggerIndex, runDate });

    public async Task<IReadOnlyList<Guid>> ContactsOnDateAsync(Guid workspaceId, string field, string day,
        IReadOnlyList<string>? monthDays, Guid? afterContactId, int limit)
    {
        // Each branch is one range of ix_contact_dates_day or ix_contact_dates_month_day, walked in contact id order
        // from the last id of the previous batch (keyset paging: no OFFSET, no rescans).
        // No contact has the all-zero id, and it sorts first both as uuid and as canonical text.
        var after = afterContactId ?? Guid.Empty;
        var sql = monthDays is null
            ? """
              SELECT contact_id FROM contact_dates
              WHERE workspace_id = @workspaceId AND field = @field AND day = @day AND contact_id > @after
              ORDER BY contact_id LIMIT @limit
              """
            : $"""
              SELECT contact_id FROM contact_dates
              WHERE workspace_id = @workspaceId AND field = @field AND {db.Dialect.InList("month_day", "@monthDays")}
                  AND contact_id > @after
              ORDER BY contact_id LIMIT @limit
              """;
        return (await db.QueryAsync<Guid>(sql,
            new { workspaceId, field, day, monthDays = monthDays?.ToArray(), after, limit }))
            .ToList();
    }

    public async Task<bool> ClaimDateAsync(Guid flowId, int triggerIndex, Guid contactId, string runDate) =>
        await db.ExecuteAsync(
        """
        INSERT INTO date_trigger_claims (flow_id, trigger_index, contact_id, run_date)
        VALUES (@flowId, @triggerIndex, @contactId, @runDate) ON CONFLICT DO NOTHING
        """, new { flowId, triggerIndex, contactId, runDate }) == 1;

    private sealed class Row
    {
        public long Seq { get; set; }
        public Guid WorkspaceId { get; set; }
        public string Type { get; set; } = "";
        public Guid ContactId { get; set; }
        public string? Subject { get; set; }
        public string Data { get; set; } = "{}";
        public DateTimeOffset OccurredAt { get; set; }

        public TriggerEvent ToEvent() => new(Seq, WorkspaceId, Type, ContactId, Subject,
            JsonNode.Parse(Data) as JsonObject ?? [], OccurredAt);
    }

    private sealed class MarkRow
    {
        public long AfterSeq { get; set; }
        public DateTimeOffset ActiveSince { get; set; }
    }
}
