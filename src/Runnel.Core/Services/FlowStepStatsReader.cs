using System.Text.RegularExpressions;
using Runnel.Core.Errors;
using Runnel.Core.Flows;
using Runnel.Core.Storage;

namespace Runnel.Core.Services;

/// <summary>
/// <c>GET /v1/flows/{id}/step-stats</c> (API.md §8.7): every step of the version and every edge of its graph, with
/// what the memberships on that version did there; an edge nobody took yet shows 0, so a canvas can label them all.
/// </summary>
public static partial class FlowStepStatsReader
{
    public static async Task<FlowStepStats> ReadAsync(IStoreSession s, Guid workspaceId, Guid flowId, int? version)
    {
        var flow = await s.Flows.GetAsync(workspaceId, flowId)
            ?? throw RunnelException.NotFound(ErrorCodes.FlowNotFound);
        var wanted = version ?? flow.Version;
        var definition = await s.Flows.GetVersionAsync(flow.Id, wanted)
                         ?? (wanted == flow.Version
                             ? flow.Definition
                             : throw RunnelException.Invalid("version", $"flow has no version {wanted}"));

        var members = (await s.Stats.CountMembersAsync(flow.Id, wanted)).ToDictionary(m => m.StepId);
        var arrivals = await s.Stats.CountArrivalsAsync(flow.Id, wanted);
        var steps = definition.Steps.Select(step =>
        {
            var counted = members.GetValueOrDefault(step.StepId);
            return new StepStat(step.StepId, counted?.AtStep ?? 0, counted?.Waiting ?? 0,
                arrivals.GetValueOrDefault(step.StepId), counted?.Exited ?? 0);
        }).ToList();

        var taken = (await s.Stats.CountEdgesAsync(flow.Id, wanted)).ToDictionary(e =>
            (e.FromStepId, e.ToStepId, e.Edge), e => e.Taken);
        var edges = new List<EdgeStat>();
        foreach (var step in definition.Steps)
        {
            foreach (var edge in step.Edges())
            {
                if (edge.Target is { } target && EdgeName(edge.Member) is { } name)
                {
                    var key = (step.StepId, (string?)target, name);
                    edges.Add(new EdgeStat(step.StepId, target, name, taken.GetValueOrDefault(key)));
                    taken.Remove(key);
                }
            }
        }

        // Recorded edges the graph no longer has (members that moved to this version kept their earlier entries).
        edges.AddRange(taken.Select(e => new EdgeStat(e.Key.FromStepId, e.Key.ToStepId, e.Key.Edge, e.Value)));
        return new FlowStepStats(wanted, steps, edges);
    }

    /// <summary>The edge name (<see cref="Edges"/>) of a step member that names a step.</summary>
    private static string? EdgeName(string member) => member switch
    {
        "next_step_id" => Edges.Next,
        "true_step_id" => Edges.True,
        "false_step_id" => Edges.False,
        "default_step_id" => Edges.Default,
        "no_match_step_id" => Edges.NoMatch,
        "timeout_step_id" => Edges.Timeout,
        _ when BranchMember().Match(member) is { Success: true } branch =>
            Edges.Branch(int.Parse(branch.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture)),
        _ => null,
    };

    [GeneratedRegex(@"^branches\[(\d+)\]\.next_step_id$")]
    private static partial Regex BranchMember();
}
