namespace Runnel.Client;

/// <summary>Values of <see cref="Flow.Status"/>, and <see cref="Any"/> for listing.</summary>
public static class FlowStatuses
{
    /// <summary><c>draft</c>: being built; structure editable.</summary>
    public const string Draft = "draft";

    /// <summary><c>active</c>: accepting members.</summary>
    public const string Active = "active";

    /// <summary><c>paused</c>: no new members, members do not advance.</summary>
    public const string Paused = "paused";

    /// <summary><c>archived</c>: retired; members dropped.</summary>
    public const string Archived = "archived";

    /// <summary><c>any</c>: every status, as a list filter.</summary>
    public const string Any = "any";
}
