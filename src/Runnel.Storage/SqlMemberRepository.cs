using System.Text.Json.Nodes;
using Runnel.Core.Flows;
using Runnel.Core.Json;
using Runnel.Core.Members;
using Runnel.Core.Storage;

namespace Runnel.Storage;

internal sealed class SqlMemberRepository(SqlDb db) : IMemberRepository
{
    private const string Columns =
        "m.id, m.workspace_id, m.flow_id, m.flow_version, m.contact_id, m.status, m.current_step_id, m.wake_at, m.wait_deadline, m.wait_kind, m.visit, m.attempts, m.entered_at, m.exited_at, m.exit_reason, m.failure, m.context, m.dynamic_context, m.engagement, m.last_activity_at, m.revision";

    private const string Running = "m.status IN ('active', 'waiting')";

    public async Task InsertAsync(Member m)
    {
        await db.ExecuteAsync(
            """
            INSERT INTO flow_members (id, workspace_id, flow_id, flow_version, contact_id, status, current_step_id, wake_at,
                wait_deadline, wait_kind, visit, attempts, entered_at, exited_at, exit_reason, failure, context,
                dynamic_context, engagement, last_activity_at, revision)
            VALUES (@Id, @WorkspaceId, @FlowId, @FlowVersion, @ContactId, @Status, @CurrentStepId, @WakeAt, @WaitDeadline,
                @WaitKind, @Visit, @Attempts, @EnteredAt, @ExitedAt, @ExitReason, @Failure, @Context, @DynamicContext,
                @Engagement, @LastActivityAt, @Revision)
            """, Parameters(m));
        if (m.WakeAt is not null)
        {
            db.WorkWritten |= DueWork.Members;
        }
    }

    public async Task<Member?> GetAsync(Guid workspaceId, Guid flowId, Guid memberId) =>
        (await db.SingleAsync<MemberRow>(
        $"SELECT {Columns} FROM flow_members m WHERE m.id = @memberId AND m.flow_id = @flowId AND m.workspace_id = @workspaceId",
        new { workspaceId, flowId, memberId }))?.ToMember();

    public async Task<Member?> FindAsync(Guid workspaceId, Guid memberId) => (await db.SingleAsync<MemberRow>(
        $"SELECT {Columns} FROM flow_members m WHERE m.id = @memberId AND m.workspace_id = @workspaceId",
        new { workspaceId, memberId }))?.ToMember();

    public async Task<Member?> FindRunningAsync(Guid flowId, Guid contactId) => (await db.SingleAsync<MemberRow>(
        $"SELECT {Columns} FROM flow_members m WHERE m.flow_id = @flowId AND m.contact_id = @contactId AND {Running}",
        new { flowId, contactId }))?.ToMember();

    public async Task<Member?> FindLatestAsync(Guid flowId, Guid contactId) => (await db.SingleAsync<MemberRow>(
        $"SELECT {Columns} FROM flow_members m WHERE m.flow_id = @flowId AND m.contact_id = @contactId ORDER BY {Running} DESC, m.entered_at DESC, m.id DESC LIMIT 1",
        new { flowId, contactId }))?.ToMember();

    public async Task<bool> UpdateAsync(Member m, long expectedRevision, bool dueNow = false)
    {
        var args = Parameters(m with { Revision = expectedRevision + 1 });
        args.Add("ExpectedRevision", expectedRevision);
        var updated = await db.ExecuteAsync(
            """
            UPDATE flow_members SET flow_version = @FlowVersion, status = @Status, current_step_id = @CurrentStepId,
                wake_at = @WakeAt, wait_deadline = @WaitDeadline, wait_kind = @WaitKind, visit = @Visit,
                attempts = @Attempts, exited_at = @ExitedAt, exit_reason = @ExitReason, failure = @Failure,
                context = @Context, dynamic_context = @DynamicContext, engagement = @Engagement,
                last_activity_at = @LastActivityAt, revision = @Revision, lease_owner = NULL, lease_until = NULL
            WHERE id = @Id AND revision = @ExpectedRevision
            """, args) == 1;
        if (updated && dueNow)
        {
            db.WorkWritten |= DueWork.Members;
        }

        return updated;
    }

    public async Task AppendTimelineAsync(Guid memberId, IEnumerable<TimelineEntry> entries)
    {
        // One multi-row INSERT per chunk rather than one statement per entry: a run writes several entries, and each
        // statement costs the single writer thread far more than the row itself (docs/benchmarks.md). Rows keep the
        // entries' order, so the AUTOINCREMENT id still orders the timeline. 100 rows × 5 parameters stays far below
        // SQLite's parameter limit.
        foreach (var chunk in entries.Chunk(100))
        {
            var values = new System.Text.StringBuilder(
                "INSERT INTO member_timeline (member_id, at, type, step_id, data) VALUES ");
            var args = new Dapper.DynamicParameters();
            args.Add("m", memberId);
            for (var i = 0; i < chunk.Length; i++)
            {
                var e = chunk[i];
                values.Append(i == 0 ? "" : ", ").Append(
                    System.Globalization.CultureInfo.InvariantCulture, $"(@m, @a{i}, @t{i}, @s{i}, @d{i})");
                args.Add($"a{i}", e.At);
                args.Add($"t{i}", e.Type);
                args.Add($"s{i}", e.StepId);
                args.Add($"d{i}", e.Data.ToJsonString(RunnelJson.Options));
            }

            await db.ExecuteAsync(values.ToString(), args);
        }
    }

    public async Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(Guid memberId) =>
        (await db.QueryAsync<TimelineRow>(
            "SELECT at, type, step_id, data FROM member_timeline WHERE member_id = @memberId ORDER BY id",
            new { memberId }))
        .Select(r => new TimelineEntry(r.At, r.Type, r.StepId, JsonNode.Parse(r.Data) as JsonObject ?? []))
        .ToList();

    public async Task<Page<Member>> ListForFlowAsync(Guid workspaceId, Guid flowId, MemberStatus? status,
        PageRequest page) =>
        (await db.PageAsync<MemberRow>(Columns,
                "FROM flow_members m WHERE m.workspace_id = @workspaceId AND m.flow_id = @flowId"
                + (status is null ? "" : " AND m.status = @status"),
                "m.entered_at DESC, m.id DESC", page,
                new { workspaceId, flowId, status = status is { } s ? MemberRow.StatusName(s) : null }))
            .Map(r => r.ToMember());

    public async Task<Page<Member>> ListForContactAsync(Guid workspaceId, Guid contactId, PageRequest page) =>
        (await db.PageAsync<MemberRow>(Columns,
            "FROM flow_members m WHERE m.workspace_id = @workspaceId AND m.contact_id = @contactId",
            "m.entered_at DESC, m.id DESC", page, new { workspaceId, contactId })).Map(r => r.ToMember());

    public async Task<IReadOnlyList<Member>> ClaimDueAsync(DateTimeOffset now, string owner, DateTimeOffset leaseUntil,
        int limit, ICollection<LeaseTakeover>? takeovers = null)
    {
        if (!db.Dialect.SharedByNodes)
        {
            // One process, one runner round at a time: nobody else can claim, and the revision check still fences
            // the round's writes against the API's lifecycle changes.
            return (await db.QueryAsync<MemberRow>(
                $"""
                SELECT {Columns} FROM flow_members m JOIN flows f ON f.id = m.flow_id
                WHERE {Running} AND m.wake_at IS NOT NULL AND m.wake_at <= @now AND f.status = 'active'
                ORDER BY m.wake_at LIMIT @limit
                """, new { now, limit })).Select(r => r.ToMember()).ToList();
        }

        // The inner SELECT locks only flow_members rows (the flow check is a subquery, not a join) and skips rows
        // another node is claiming this instant; expired leases are claimable again, which is how a dead node's work
        // is taken over. It also hands the lease owner before this claim to RETURNING (which sees only new values of
        // the updated table): a commit clears the owner, so one still set names the node whose lease expired.
        var rows = (await db.QueryAsync<MemberRow>(
                $"""
                UPDATE flow_members AS m SET lease_owner = @owner, lease_until = @leaseUntil, revision = m.revision + 1
                FROM (
                    SELECT c.id, c.lease_owner FROM flow_members c
                    WHERE c.status IN ('active', 'waiting') AND c.wake_at IS NOT NULL AND c.wake_at <= @now
                        AND (c.lease_until IS NULL OR c.lease_until <= @now)
                        AND EXISTS (SELECT 1 FROM flows f WHERE f.id = c.flow_id AND f.status = 'active')
                    ORDER BY c.wake_at LIMIT @limit{db.Dialect.SkipLocked}) AS claimable
                WHERE m.id = claimable.id
                RETURNING {Columns}, claimable.lease_owner AS previous_owner
                """, new { now, owner, leaseUntil, limit }))
            .ToList();
        foreach (var row in rows)
        {
            if (row.PreviousOwner is { } previous && previous != owner)
            {
                takeovers?.Add(new LeaseTakeover(row.Id, previous));
            }
        }

        return rows.Select(r => r.ToMember()).OrderBy(m => m.WakeAt).ThenBy(m => m.Id).ToList();
    }

    public async Task<(long Count, DateTimeOffset? Oldest)> DueBacklogAsync(DateTimeOffset now)
    {
        var row = await db.SingleAsync<BacklogRow>(
            $"""
            SELECT COUNT(*) AS count, MIN(m.wake_at) AS oldest FROM flow_members m JOIN flows f ON f.id = m.flow_id
            WHERE {Running} AND m.wake_at IS NOT NULL AND m.wake_at <= @now AND f.status = 'active'
            """, new { now });
        return (row?.Count ?? 0, row?.Oldest is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }

    public async Task<DateTimeOffset?> NextWakeAsync() => await db.SingleAsync<long?>(
        $"""
        SELECT MIN(t) FROM (
            SELECT MIN(m.wake_at) AS t FROM flow_members m JOIN flows f ON f.id = m.flow_id
            WHERE {Running} AND m.wake_at IS NOT NULL AND m.lease_until IS NULL AND f.status = 'active'
            UNION ALL
            SELECT MIN(m.lease_until) AS t FROM flow_members m JOIN flows f ON f.id = m.flow_id
            WHERE m.lease_until IS NOT NULL AND {Running} AND f.status = 'active'
        ) wakes
        """) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    public async Task<int> WakeConditionWaitsAsync(Guid workspaceId, Guid contactId, DateTimeOffset now)
    {
        var woken = await db.ExecuteAsync(
            """
            UPDATE flow_members SET wake_at = @now, revision = revision + 1
            WHERE workspace_id = @workspaceId AND contact_id = @contactId AND status = 'waiting'
                AND wait_kind = 'condition' AND (wake_at IS NULL OR wake_at > @now)
            """, new { workspaceId, contactId, now });
        if (woken > 0)
        {
            db.WorkWritten |= DueWork.Members;
        }

        return woken;
    }

    public async Task<IReadOnlyList<Member>> ListRunningAsync(Guid flowId, Guid? afterId, int limit) =>
        (await db.QueryAsync<MemberRow>(
        $"SELECT {Columns} FROM flow_members m WHERE m.flow_id = @flowId AND {Running}{(afterId is null ? "" : " AND m.id > @afterId")} ORDER BY m.id LIMIT @limit",
        new { flowId, afterId, limit })).Select(r => r.ToMember()).ToList();

    public async Task<IReadOnlyList<Member>> ListRunningForContactAsync(Guid workspaceId, Guid contactId) =>
        (await db.QueryAsync<MemberRow>(
        $"SELECT {Columns} FROM flow_members m WHERE m.workspace_id = @workspaceId AND m.contact_id = @contactId AND {Running}",
        new { workspaceId, contactId })).Select(r => r.ToMember()).ToList();

    public async Task ScrubPersonalDataAsync(Guid workspaceId, Guid contactId)
    {
        var args = new { workspaceId, contactId };
        const string members = "SELECT id FROM flow_members WHERE workspace_id = @workspaceId AND contact_id = @contactId";
        await db.ExecuteAsync($"UPDATE member_timeline SET data = '{{}}' WHERE member_id IN ({members})", args);
        await db.ExecuteAsync($"DELETE FROM outbox WHERE member_id IN ({members})", args);
        await db.ExecuteAsync($"DELETE FROM webhook_deliveries WHERE member_id IN ({members})", args);
        await db.ExecuteAsync(
            "UPDATE flow_members SET context = '{}', dynamic_context = '{}', revision = revision + 1 WHERE workspace_id = @workspaceId AND contact_id = @contactId",
            args);
    }

    public async Task<IReadOnlyDictionary<Guid, FlowStats>> CountByFlowAsync(Guid workspaceId,
        IReadOnlyCollection<Guid> flowIds)
    {
        var result = new Dictionary<Guid, FlowStats>();
        foreach (var flowId in flowIds.Distinct())
        {
            var row = await db.SingleAsync<CountRow>(
                """
                SELECT COUNT(*) AS total,
                    COUNT(CASE WHEN status = 'active' THEN 1 END) AS active,
                    COUNT(CASE WHEN status = 'waiting' THEN 1 END) AS waiting,
                    COUNT(CASE WHEN status = 'completed' THEN 1 END) AS completed,
                    COUNT(CASE WHEN status = 'dropped' THEN 1 END) AS dropped,
                    COUNT(CASE WHEN status = 'failed' THEN 1 END) AS failed, MAX(entered_at) AS latest
                FROM flow_members WHERE workspace_id = @workspaceId AND flow_id = @flowId
                """, new { workspaceId, flowId });
            result[flowId] = row is null
                ? FlowStats.Zero
                : new FlowStats(row.Total, row.Active, row.Waiting, row.Completed, row.Dropped, row.Failed,
                    row.Latest is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
        }

        return result;
    }

    private static Dapper.DynamicParameters Parameters(Member m)
    {
        var args = new Dapper.DynamicParameters();
        args.Add("Id", m.Id);
        args.Add("WorkspaceId", m.WorkspaceId);
        args.Add("FlowId", m.FlowId);
        args.Add("FlowVersion", m.FlowVersion);
        args.Add("ContactId", m.ContactId);
        args.Add("Status", MemberRow.StatusName(m.Status));
        args.Add("CurrentStepId", m.CurrentStepId);
        args.Add("WakeAt", m.WakeAt);
        args.Add("WaitDeadline", m.WaitDeadline);
        args.Add("WaitKind", m.WaitKind);
        args.Add("Visit", m.Visit);
        args.Add("Attempts", m.Attempts);
        args.Add("EnteredAt", m.EnteredAt);
        args.Add("ExitedAt", m.ExitedAt);
        args.Add("ExitReason", m.ExitReason);
        args.Add("Failure", m.Failure is null ? null : RunnelJson.Serialize(m.Failure));
        args.Add("Context", m.Context.ToJsonString(RunnelJson.Options));
        args.Add("DynamicContext", m.DynamicContext.ToJsonString(RunnelJson.Options));
        args.Add("Engagement", m.Engagement.ToJsonString(RunnelJson.Options));
        args.Add("LastActivityAt", m.LastActivityAt);
        args.Add("Revision", m.Revision);
        return args;
    }

    private sealed class BacklogRow
    {
        public long Count { get; set; }
        public long? Oldest { get; set; }
    }

    private sealed class TimelineRow
    {
        public DateTimeOffset At { get; set; }
        public string Type { get; set; } = "";
        public string? StepId { get; set; }
        public string Data { get; set; } = "{}";
    }

    private sealed class CountRow
    {
        public long Total { get; set; }
        public long Active { get; set; }
        public long Waiting { get; set; }
        public long Completed { get; set; }
        public long Dropped { get; set; }
        public long Failed { get; set; }
        public long? Latest { get; set; }
    }
}

internal sealed class MemberRow
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public Guid FlowId { get; set; }
    public int FlowVersion { get; set; }
    public Guid ContactId { get; set; }
    public string Status { get; set; } = "";
    public string? CurrentStepId { get; set; }
    public DateTimeOffset? WakeAt { get; set; }
    public DateTimeOffset? WaitDeadline { get; set; }
    public string? WaitKind { get; set; }
    public int Visit { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset EnteredAt { get; set; }
    public DateTimeOffset? ExitedAt { get; set; }
    public string? ExitReason { get; set; }
    public string? Failure { get; set; }
    public string Context { get; set; } = "{}";
    public string DynamicContext { get; set; } = "{}";
    public string Engagement { get; set; } = "{}";
    public DateTimeOffset LastActivityAt { get; set; }
    public long Revision { get; set; }

    /// <summary>The lease owner before a claim; only <see cref="SqlMemberRepository.ClaimDue"/> selects it.</summary>
    public string? PreviousOwner { get; set; }

    public static string StatusName(MemberStatus status) => status switch
    {
        MemberStatus.Active => "active",
        MemberStatus.Waiting => "waiting",
        MemberStatus.Completed => "completed",
        MemberStatus.Dropped => "dropped",
        _ => "failed",
    };

    public Member ToMember() => new(
        Id: Id,
        WorkspaceId: WorkspaceId,
        FlowId: FlowId,
        FlowVersion: FlowVersion,
        ContactId: ContactId,
        Status: ParseStatus(Status),
        CurrentStepId: CurrentStepId,
        WakeAt: WakeAt,
        WaitDeadline: WaitDeadline,
        WaitKind: WaitKind,
        Visit: Visit,
        Attempts: Attempts,
        EnteredAt: EnteredAt,
        ExitedAt: ExitedAt,
        ExitReason: ExitReason,
        Failure: Failure is null ? null : RunnelJson.Deserialize<MemberFailure>(Failure),
        Context: Object(Context),
        DynamicContext: Object(DynamicContext),
        Engagement: Object(Engagement),
        LastActivityAt: LastActivityAt,
        Revision: Revision);

    private static JsonObject Object(string json) => JsonNode.Parse(json) as JsonObject ?? [];

    private static MemberStatus ParseStatus(string value) => value switch
    {
        "active" => MemberStatus.Active,
        "waiting" => MemberStatus.Waiting,
        "completed" => MemberStatus.Completed,
        "dropped" => MemberStatus.Dropped,
        _ => MemberStatus.Failed,
    };
}
