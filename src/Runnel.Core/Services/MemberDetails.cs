using Runnel.Core.Members;

namespace Runnel.Core.Services;
/// <summary>A member and its timeline, as read or as left by a write.</summary>
public sealed record MemberDetails(Member Member, IReadOnlyList<TimelineEntry> Timeline);
