namespace Runnel.Client;

/// <summary>Values of <see cref="FlowStep.DurationUnit"/>.</summary>
public static class DurationUnits
{
    /// <summary><c>minutes</c>: minutes.</summary>
    public const string Minutes = "minutes";

    /// <summary><c>hours</c>: hours.</summary>
    public const string Hours = "hours";

    /// <summary><c>days</c>: days.</summary>
    public const string Days = "days";

    /// <summary><c>weeks</c>: weeks.</summary>
    public const string Weeks = "weeks";
}
