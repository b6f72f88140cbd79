namespace Runnel.Core.Rules;

/// <summary>Where a rule tree is used: <c>context</c> and <c>email_step</c> leaves exist only inside flows.</summary>
public enum RuleScope
{
    /// <summary>Dynamic lists and anything else outside a flow.</summary>
    Segment,

    /// <summary>Trigger segments, conditions, condition waits and disqualification rules of a flow.</summary>
    Flow,
}
