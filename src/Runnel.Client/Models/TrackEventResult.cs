namespace Runnel.Client;

/// <summary>The answer to tracking an event.</summary>
public sealed class TrackEventResult
{
    /// <summary>The event's id.</summary>
    public string EventId { get; set; } = "";
}
