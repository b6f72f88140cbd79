using System.Text.Json.Nodes;

namespace Runnel.Core.Members;

/// <summary>One line of a member's history (API.md §8.7).</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Type, string? StepId, JsonObject Data);
