namespace Runnel.Client;

/// <summary>Values of <see cref="TriggerResult.Reason"/>.</summary>
public static class SkipReasons
{
    /// <summary><c>segment_mismatch</c>: the contact does not match the trigger's segment.</summary>
    public const string SegmentMismatch = "segment_mismatch";

    /// <summary><c>reentry_denied</c>: the reentry policy refuses another entry.</summary>
    public const string ReentryDenied = "reentry_denied";

    /// <summary><c>disqualified</c>: the contact matches the disqualification rules.</summary>
    public const string Disqualified = "disqualified";
}
