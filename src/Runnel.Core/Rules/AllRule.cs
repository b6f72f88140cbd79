using System.Text.Json.Serialization;

namespace Runnel.Core.Rules;
public sealed record AllRule(IReadOnlyList<RuleNode> Nodes) : RuleNode;
