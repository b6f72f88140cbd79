using System.Text.Json.Serialization;

namespace Runnel.Core.Rules;
/// <summary><c>{"source":"email_step","step_id","operator"}</c>: engagement with an earlier send_email step (flows only).</summary>
public sealed record EmailStepRule(string StepId, string Operator) : RuleNode;
