using System.Text.Json.Nodes;

namespace Runnel.Client;

/// <summary>One thing that happened to a member.</summary>
public sealed class TimelineEntry
{
    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>What, e.g. <c>entered_flow</c>, <c>email_sent</c>, <c>webhook_sent</c>.</summary>
    public string Type { get; set; } = "";

    /// <summary>The step, if any.</summary>
    public string? StepId { get; set; }

    /// <summary>Details.</summary>
    public JsonObject Data { get; set; } = [];
}
