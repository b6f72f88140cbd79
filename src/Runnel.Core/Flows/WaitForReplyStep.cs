using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;
public sealed record WaitForReplyStep : FlowStep
{
    [JsonIgnore]
    public override string Type => StepTypes.WaitForReply;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TimeoutMinutes { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ReplyBranch>? Branches { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NoMatchStepId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TimeoutStepId { get; init; }

    public override IEnumerable<StepEdge> Edges()
    {
        for (var i = 0; i < (Branches?.Count ?? 0); i++)
        {
            yield return new StepEdge($"branches[{i}].next_step_id", Branches![i]?.NextStepId);
        }

        yield return new StepEdge("no_match_step_id", NoMatchStepId);
        yield return new StepEdge("timeout_step_id", TimeoutStepId);
    }
}
