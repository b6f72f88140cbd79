using Runnel.Core.Flows;

namespace Runnel.Core.Storage;

/// <summary>Counts over the memberships of one flow version, for step stats.</summary>
public interface IFlowStatsRepository
{
    /// <summary>Per step ID the memberships on <paramref name="version"/> stand on now or ended on.</summary>
    IReadOnlyList<StepStat> CountMembers(Guid flowId, int version);

    /// <summary>Per step ID, how many times those memberships arrived at it (their <c>step_executed</c> entries).</summary>
    IReadOnlyDictionary<string, long> CountArrivals(Guid flowId, int version);

    /// <summary>The edges those memberships took, as the interpreter recorded them when entering a step.</summary>
    IReadOnlyList<EdgeStat> CountEdges(Guid flowId, int version);
}
