using Runnel.Core.Flows;
using Runnel.Core.Storage;

namespace Runnel.Storage;

internal sealed class SqlFlowStatsRepository(SqlDb db) : IFlowStatsRepository
{
    private const string OfVersion =
        "FROM member_timeline t JOIN flow_members m ON m.id = t.member_id " +
        "WHERE m.flow_id = @flowId AND m.flow_version = @version AND t.type = 'step_executed' AND t.step_id IS NOT NULL";

    public async Task<IReadOnlyList<StepStat>> CountMembersAsync(Guid flowId, int version) =>
        (await db.QueryAsync<StepRow>(
        """
        SELECT current_step_id AS StepId,
            SUM(CASE WHEN status IN ('active', 'waiting') THEN 1 ELSE 0 END) AS AtStep,
            SUM(CASE WHEN status = 'waiting' THEN 1 ELSE 0 END) AS Waiting,
            SUM(CASE WHEN status IN ('completed', 'dropped', 'failed') THEN 1 ELSE 0 END) AS Exited
        FROM flow_members
        WHERE flow_id = @flowId AND flow_version = @version AND current_step_id IS NOT NULL
        GROUP BY current_step_id
        """, new { flowId, version })).Select(r => new StepStat(r.StepId, r.AtStep, r.Waiting, 0, r.Exited)).ToList();

    public async Task<IReadOnlyDictionary<string, long>> CountArrivalsAsync(Guid flowId, int version)
    {
        // An arrival's entry names the step type; a retry's names the error and a date wait released at once adds
        // "released" to a second entry: neither is another arrival.
        var type = db.Dialect.JsonMember("t.data", "type");
        var released = db.Dialect.JsonMember("t.data", "released");
        return (await db.QueryAsync<CountRow>(
                $"SELECT t.step_id AS StepId, COUNT(*) AS Taken {OfVersion} AND {type} IS NOT NULL AND {released} IS NULL GROUP BY t.step_id",
                new { flowId, version }))
            .ToDictionary(r => r.StepId, r => r.Taken);
    }

    public async Task<IReadOnlyList<EdgeStat>> CountEdgesAsync(Guid flowId, int version)
    {
        var from = db.Dialect.JsonMember("t.data", Edges.FromStepIdKey);
        var edge = db.Dialect.JsonMember("t.data", Edges.EdgeKey);
        return (await db.QueryAsync<EdgeRow>(
                $"SELECT {from} AS FromStepId, t.step_id AS ToStepId, {edge} AS Edge, COUNT(*) AS Taken {OfVersion} AND {edge} IS NOT NULL GROUP BY {from}, t.step_id, {edge}",
                new { flowId, version }))
            .Select(r => new EdgeStat(r.FromStepId, r.ToStepId, r.Edge, r.Taken)).ToList();
    }

    private sealed class StepRow
    {
        public string StepId { get; init; } = "";

        public long AtStep { get; init; }

        public long Waiting { get; init; }

        public long Exited { get; init; }
    }

    private sealed class CountRow
    {
        public string StepId { get; init; } = "";

        public long Taken { get; init; }
    }

    private sealed class EdgeRow
    {
        public string FromStepId { get; init; } = "";

        public string? ToStepId { get; init; }

        public string Edge { get; init; } = "";

        public long Taken { get; init; }
    }
}
