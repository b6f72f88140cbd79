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
        store.ReadAsync(async s =>
        {
            await RequireFlowAsync(s, workspaceId, flowId);
            return await s.Members.ListForFlowAsync(workspaceId, flowId, status, page);
        }, ct);

    public Task<Page<Member>> ListForContactAsync(Guid workspaceId, Guid contactId, PageRequest page,
        CancellationToken ct) =>
        store.ReadAsync(async s =>
        {
            _ = await s.Contacts.GetAsync(workspaceId, contactId)
                ?? throw RunnelException.NotFound(ErrorCodes.ContactNotFound);
            return await s.Members.ListForContactAsync(workspaceId, contactId, page);
        }, ct);

    /// <summary>How many running members are due now, and the due time of the oldest (<c>GET /metrics</c>).</summary>
    public Task<(long Count, DateTimeOffset? Oldest)> DueBacklogAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return store.ReadAsync(s => s.Members.DueBacklogAsync(now), ct);
    }

    public Task<MemberDetails> GetAsync(Guid workspaceId, Guid flowId, Guid memberId, CancellationToken ct) =>
        store.ReadAsync(async s =>
        {
            var found = await FindAsync(s, workspaceId, flowId, memberId);
            return new MemberDetails(found, await s.Members.GetTimelineAsync(found.Id));
        }, ct);

    /// <summary>Drops the member as <c>removed</c>; one that already left is answered as it is.</summary>
    public Task<MemberDetails> RemoveAsync(Guid workspaceId, Guid flowId, Guid memberId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return store.WriteAsync(async s =>
        {
            var found = await FindAsync(s, workspaceId, flowId, memberId);
            var after = await MemberLifecycle.DropAsync(s, found, ExitReasons.Removed, now) ?? found;
            return new MemberDetails(after, await s.Members.GetTimelineAsync(found.Id));
        }, ct);
    }

    private static async Task<Member> FindAsync(IStoreSession s, Guid workspaceId, Guid flowId, Guid memberId)
    {
        await RequireFlowAsync(s, workspaceId, flowId);
        return await s.Members.GetAsync(workspaceId, flowId, memberId)
            ?? throw RunnelException.NotFound(ErrorCodes.MemberNotFound);
    }

    private static async Task RequireFlowAsync(IStoreSession s, Guid workspaceId, Guid flowId) =>
        _ = await s.Flows.GetAsync(workspaceId, flowId) ?? throw RunnelException.NotFound(ErrorCodes.FlowNotFound);
}
