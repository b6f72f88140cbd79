using System.Text.Json.Serialization;

namespace Runnel.Core.Rules;

/// <summary>
/// A rule tree (API.md §6): groups <c>all</c>/<c>any</c>/<c>not</c> and leaves discriminated by <c>source</c>.
/// Read and written by <see cref="RuleNodeConverter"/>, which reports shape errors with their JSON path.
/// </summary>
[JsonConverter(typeof(RuleNodeConverter))]
public abstract record RuleNode;
