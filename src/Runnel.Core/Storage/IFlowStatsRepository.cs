using Runnel.Core.Flows;

namespace Runnel.Core.Storage;

/// <summary>Counts over the memberships of one flow version, for step stats.</summary>
public interface IFlowStatsRepository
{
    /// <summary>Per step ID the memberships on <paramref name="version"/> stand on now or ended on.</summary>
    Task<IReadOnlyList<StepStat>> CountMembersAsync(Guid flowId, int version);

    /// <summary>Per step ID, how many times those memberships arrived at it (their <c>step_executed</c> entries).</summary>
    Task<IReadOnlyDictionary<string, long>> CountArrivalsAsync(Guid flowId, int version);

    /// <summary>The edges those memberships took, as the interpreter recorded them when entering a step.</summary>
    Task<IReadOnlyList<EdgeStat>> CountEdgesAsync(Guid flowId, int version);
}
