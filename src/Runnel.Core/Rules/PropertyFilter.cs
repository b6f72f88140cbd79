using System.Text.Json.Nodes;

namespace Runnel.Core.Rules;
/// <summary>An event property filter: <c>{"property","operator","value"}</c>, with the field operators.</summary>
public sealed record PropertyFilter(string Property, string Operator, JsonNode? Value);
