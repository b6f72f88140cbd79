namespace Runnel.Core.Rules;

/// <summary>
/// What the evaluator may ask about one contact beyond its own fields. Implementations answer from data loaded in
/// bulk beforehand; the evaluator itself does no I/O.
/// </summary>
public interface IRuleFacts
{
    /// <summary>Whether the contact is on the list (static: an explicit member; dynamic: matches its rules).</summary>
    bool IsInList(Guid listId);

    /// <summary>The contact's events with exactly this name; at least those the rule's window reaches.</summary>
    IReadOnlyList<RuleEvent> Events(string name);

    /// <summary>Engagement with a send_email step in the current membership; null when the step never ran.</summary>
    EmailStepFacts? EmailStep(string stepId);
}
