using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Runnel.Core.Members;

namespace Runnel.Server.Features.Flows;

/// <summary>The member object of API.md §8.7, with or without its timeline.</summary>
public static class MemberJson
{
    public sealed record MemberResponse(
        Guid Id,
        Guid FlowId,
        int FlowVersion,
        Guid ContactId,
        string Status,
        string? CurrentStepId,
        DateTimeOffset? WakeAt,
        DateTimeOffset EnteredAt,
        DateTimeOffset? ExitedAt,
        string? ExitReason,
        MemberFailure? Failure,
        JsonObject Context,
        JsonObject DynamicContext,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        IReadOnlyList<TimelineEntryResponse>? Timeline);

    public sealed record TimelineEntryResponse(DateTimeOffset At, string Type, string? StepId, JsonObject Data);

    public static MemberResponse From(Member m, IReadOnlyList<TimelineEntry>? timeline = null) => new(
        m.Id, m.FlowId, m.FlowVersion, m.ContactId, StatusName(m.Status), m.CurrentStepId,
        m.IsRunning ? m.WakeAt : null, m.EnteredAt, m.ExitedAt, m.ExitReason, m.Failure, m.Context, m.DynamicContext,
        timeline?.Select(t => new TimelineEntryResponse(t.At, t.Type, t.StepId, t.Data)).ToArray());

    public static string StatusName(MemberStatus status) => status switch
    {
        MemberStatus.Active => "active",
        MemberStatus.Waiting => "waiting",
        MemberStatus.Completed => "completed",
        MemberStatus.Dropped => "dropped",
        _ => "failed",
    };
}
