using System.Text.Json.Serialization;

namespace Runnel.Core.Rules;
/// <summary><c>{"source":"list","list_id","operator":"in"|"not_in"}</c>.</summary>
public sealed record ListRule(Guid ListId, string Operator) : RuleNode;
