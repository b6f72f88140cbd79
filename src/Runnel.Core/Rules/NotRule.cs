using System.Text.Json.Serialization;

namespace Runnel.Core.Rules;
public sealed record NotRule(RuleNode Node) : RuleNode;
