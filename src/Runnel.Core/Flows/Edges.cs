namespace Runnel.Core.Flows;

/// <summary>
/// The names of the ways out of a step (API.md §8.7 step stats), as the interpreter records them in the data of the
/// <c>step_executed</c> entry of the step a member enters next.
/// </summary>
public static class Edges
{
    public const string Next = "next";
    public const string True = "true";
    public const string False = "false";
    public const string Default = "default";
    public const string NoMatch = "no_match";
    public const string Timeout = "timeout";

    /// <summary>Timeline data members of a <c>step_executed</c> entry that name the edge it was reached by.</summary>
    public const string FromStepIdKey = "from_step_id";

    public const string EdgeKey = "edge";

    /// <summary>The edge of a split's (or a reply wait's) branch, by its position in the step's list.</summary>
    public static string Branch(int index) => $"branch:{index}";
}
