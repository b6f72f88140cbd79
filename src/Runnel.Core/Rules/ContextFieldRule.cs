using System.Text.Json.Nodes;

namespace Runnel.Core.Rules;
/// <summary><c>{"source":"context","field","operator","value"}</c>: the membership's trigger context (flows only).</summary>
public sealed record ContextFieldRule(string Field, string Operator, JsonNode? Value) : RuleNode;
