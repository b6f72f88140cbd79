
using Runnel.Core.Members;

namespace Runnel.Core.Storage;

public interface IMemberRepository
{
    /// <summary>Inserts a new membership; throws when the contact already has a running one in the flow.</summary>
    Task InsertAsync(Member member);

    Task<Member?> GetAsync(Guid workspaceId, Guid flowId, Guid memberId);

    /// <summary>A membership by its ID alone, in any flow of the workspace (tracking links know no flow).</summary>
    Task<Member?> FindAsync(Guid workspaceId, Guid memberId);

    Task<Member?> FindRunningAsync(Guid flowId, Guid contactId);

    /// <summary>
    /// The contact's running membership in the flow if it has one, else its most recent ended one: what enrollment
    /// needs for both the already-running check and the reentry rules, in one query.
    /// </summary>
    Task<Member?> FindLatestAsync(Guid flowId, Guid contactId);

    /// <summary>
    /// Writes <paramref name="member"/> if the stored row is still at <paramref name="expectedRevision"/>, bumps the
    /// revision and ends any claim; false (nothing written) when someone else changed or claimed the member since it
    /// was read. <paramref name="dueNow"/> says the write makes the member due at once (its wake time is the writer's
    /// now), so the runner is woken when it commits, in this process and on other nodes (<see cref="DueWork"/>).
    /// </summary>
    Task<bool> UpdateAsync(Member member, long expectedRevision, bool dueNow = false);

    Task AppendTimelineAsync(Guid memberId, IEnumerable<TimelineEntry> entries);

    Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(Guid memberId);

    Task<Page<Member>> ListForFlowAsync(Guid workspaceId, Guid flowId, MemberStatus? status, PageRequest page);

    Task<Page<Member>> ListForContactAsync(Guid workspaceId, Guid contactId, PageRequest page);

    /// <summary>
    /// Claims up to <paramref name="limit"/> running members of active flows that are due at <paramref name="now"/> and
    /// not claimed by a live lease, earliest first. Where several nodes share the database the claim locks the rows
    /// (others skip them), records <paramref name="owner"/> and <paramref name="leaseUntil"/>, and bumps each revision:
    /// the returned members carry the new revision, so only the claimant's <see cref="UpdateAsync"/> can succeed, and
    /// only
    /// until another node takes an expired lease over. A single-process store returns the due members unclaimed.
    /// Each claimed member whose expired lease belonged to another owner is added to <paramref name="takeovers"/>.
    /// </summary>
    Task<IReadOnlyList<Member>> ClaimDueAsync(DateTimeOffset now, string owner, DateTimeOffset leaseUntil, int limit,
        ICollection<LeaseTakeover>? takeovers = null);

    /// <summary>How many running members of active flows are due now, and the oldest due time among them.</summary>
    Task<(long Count, DateTimeOffset? Oldest)> DueBacklogAsync(DateTimeOffset now);

    /// <summary>
    /// When the next running member of an active flow can be claimed — its wake time, or for a claimed member the end
    /// of its lease — or null when none is scheduled.
    /// </summary>
    Task<DateTimeOffset?> NextWakeAsync();

    /// <summary>Makes the contact's condition waits due now, so a change is seen at once.</summary>
    Task<int> WakeConditionWaitsAsync(Guid workspaceId, Guid contactId, DateTimeOffset now);

    /// <summary>Running members of a flow after <paramref name="afterId"/> in id order, for bulk lifecycle changes.</summary>
    Task<IReadOnlyList<Member>> ListRunningAsync(Guid flowId, Guid? afterId, int limit);

    Task<IReadOnlyList<Member>> ListRunningForContactAsync(Guid workspaceId, Guid contactId);

    /// <summary>
    /// Removes what memberships of an erased contact hold about the person: contexts, timeline details and the
    /// outbox copies of messages sent to them. The memberships stay (without personal data) so flow stats stay true.
    /// </summary>
    Task ScrubPersonalDataAsync(Guid workspaceId, Guid contactId);

    /// <summary>Member counts by status, total entered and the latest entry, per flow.</summary>
    Task<IReadOnlyDictionary<Guid, Flows.FlowStats>> CountByFlowAsync(Guid workspaceId,
        IReadOnlyCollection<Guid> flowIds);
}
