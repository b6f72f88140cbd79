using System.Text.Json.Serialization;

namespace Runnel.Core.Rules;
public sealed record AnyRule(IReadOnlyList<RuleNode> Nodes) : RuleNode;
