namespace Runnel.Client;

/// <summary>A daily window in which SMS are held back, e.g. 21:00 to 08:00 local time.</summary>
public sealed class QuietHours
{
    /// <summary>Start of the window, <c>HH:MM</c>.</summary>
    public string Start { get; set; } = "";

    /// <summary>End of the window, <c>HH:MM</c>.</summary>
    public string End { get; set; } = "";
}
