using Runnel.Core.Errors;
using Runnel.Core.Members;
using Runnel.Core.Storage;

namespace Runnel.Core.Services;

/// <summary>
/// Reading and removing the members of a flow (API.md §8.7) and a contact's memberships (§3); a flow or contact
/// that does not exist in the workspace answers its own not-found code.
/// </summary>
public sealed class MemberService(IRunnelStore store, TimeProvider time)
{
    public Task<Page<Member>> ListForFlowAsync(Guid workspaceId, Guid flowId, MemberStatus? status, PageRequest page,
        CancellationToken ct) =>
        store.ReadAsync(s =>
        {
            RequireFlow(s, workspaceId, flowId);
            return s.Members.ListForFlow(workspaceId, flowId, status, page);
        }, ct);

    public Task<Page<Member>> ListForContactAsync(Guid workspaceId, Guid contactId, PageRequest page,
        CancellationToken ct) =>
        store.ReadAsync(s =>
        {
            _ = s.Contacts.Get(workspaceId, contactId) ?? throw RunnelException.NotFound(ErrorCodes.ContactNotFound);
            return s.Members.ListForContact(workspaceId, contactId, page);
        }, ct);

    /// <summary>How many running members are due now, and the due time of the oldest (<c>GET /metrics</c>).</summary>
    public Task<(long Count, DateTimeOffset? Oldest)> DueBacklogAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return store.ReadAsync(s => s.Members.DueBacklog(now), ct);
    }

    public Task<MemberDetails> GetAsync(Guid workspaceId, Guid flowId, Guid memberId, CancellationToken ct) =>
        store.ReadAsync(s =>
        {
            var found = Find(s, workspaceId, flowId, memberId);
            return new MemberDetails(found, s.Members.GetTimeline(found.Id));
        }, ct);

    /// <summary>Drops the member as <c>removed</c>; one that already left is answered as it is.</summary>
    public Task<MemberDetails> RemoveAsync(Guid workspaceId, Guid flowId, Guid memberId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return store.WriteAsync(s =>
        {
            var found = Find(s, workspaceId, flowId, memberId);
            var after = MemberLifecycle.Drop(s, found, ExitReasons.Removed, now) ?? found;
            return new MemberDetails(after, s.Members.GetTimeline(found.Id));
        }, ct);
    }

    private static Member Find(IStoreSession s, Guid workspaceId, Guid flowId, Guid memberId)
    {
        RequireFlow(s, workspaceId, flowId);
        return s.Members.Get(workspaceId, flowId, memberId) ?? throw RunnelException.NotFound(ErrorCodes.MemberNotFound);
    }

    private static void RequireFlow(IStoreSession s, Guid workspaceId, Guid flowId) =>
        _ = s.Flows.Get(workspaceId, flowId) ?? throw RunnelException.NotFound(ErrorCodes.FlowNotFound);
}
