using System.Text.Json.Nodes;

namespace Runnel.Core.Rules;

/// <summary>One custom event as event leaves see it: when it happened and its properties.</summary>
public sealed record RuleEvent(DateTimeOffset OccurredAt, JsonObject Properties);
