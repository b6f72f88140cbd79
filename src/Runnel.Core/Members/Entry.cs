namespace Runnel.Core.Members;

/// <summary>What <see cref="EnrollmentService.Enter"/> did with one contact and one flow.</summary>
public abstract record Entry
{
    public const string SegmentMismatch = "segment_mismatch";
    public const string ReentryDenied = "reentry_denied";
    public const string Disqualified = "disqualified";

    /// <summary>A new membership, committed with the caller's transaction.</summary>
    public sealed record Started(Member Member) : Entry;

    /// <summary>The contact already has a running membership in the flow.</summary>
    public sealed record Running(Member Member) : Entry;

    /// <summary>Not admitted: segment_mismatch, reentry_denied or disqualified.</summary>
    public sealed record Refused(string Reason) : Entry;
}
