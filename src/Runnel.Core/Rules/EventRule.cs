using System.Text.Json.Serialization;

namespace Runnel.Core.Rules;
/// <summary><c>{"source":"event","name","operator":"performed"|"not_performed","within_days","min_count","where"}</c>.</summary>
public sealed record EventRule(
    string Name,
    string Operator,
    int? WithinDays,
    int? MinCount,
    IReadOnlyList<PropertyFilter>? Where) : RuleNode;
