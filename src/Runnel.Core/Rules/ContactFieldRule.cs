using System.Text.Json.Nodes;

namespace Runnel.Core.Rules;
/// <summary><c>{"source":"contact","field","operator","value"}</c>: a standard or custom contact field.</summary>
public sealed record ContactFieldRule(string Field, string Operator, JsonNode? Value) : RuleNode;
