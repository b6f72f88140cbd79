using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Runnel.Core.Rules;

/// <summary>
/// A rule tree (API.md §6): groups <c>all</c>/<c>any</c>/<c>not</c> and leaves discriminated by <c>source</c>.
/// Read and written by <see cref="RuleNodeConverter"/>, which reports shape errors with their JSON path.
/// </summary>
[JsonConverter(typeof(RuleNodeConverter))]
public abstract record RuleNode;

public sealed record AllRule(IReadOnlyList<RuleNode> Nodes) : RuleNode;

public sealed record AnyRule(IReadOnlyList<RuleNode> Nodes) : RuleNode;

public sealed record NotRule(RuleNode Node) : RuleNode;

/// <summary><c>{"source":"contact","field","operator","value"}</c>: a standard or custom contact field.</summary>
public sealed record ContactFieldRule(string Field, string Operator, JsonNode? Value) : RuleNode;

/// <summary><c>{"source":"context","field","operator","value"}</c>: the membership's trigger context (flows only).</summary>
public sealed record ContextFieldRule(string Field, string Operator, JsonNode? Value) : RuleNode;

/// <summary><c>{"source":"list","list_id","operator":"in"|"not_in"}</c>.</summary>
public sealed record ListRule(Guid ListId, string Operator) : RuleNode;

/// <summary><c>{"source":"event","name","operator":"performed"|"not_performed","within_days","min_count","where"}</c>.</summary>
public sealed record EventRule(
    string Name,
    string Operator,
    int? WithinDays,
    int? MinCount,
    IReadOnlyList<PropertyFilter>? Where) : RuleNode;

/// <summary><c>{"source":"email_step","step_id","operator"}</c>: engagement with an earlier send_email step (flows only).</summary>
public sealed record EmailStepRule(string StepId, string Operator) : RuleNode;

/// <summary>An event property filter: <c>{"property","operator","value"}</c>, with the field operators.</summary>
public sealed record PropertyFilter(string Property, string Operator, JsonNode? Value);
