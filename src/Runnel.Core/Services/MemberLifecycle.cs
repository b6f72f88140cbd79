using System.Text.Json.Nodes;
using Runnel.Core.Members;
using Runnel.Core.Storage;

namespace Runnel.Core.Services;

/// <summary>Ends running memberships from outside the runner (erasure, archive, unsubscribe, removal, edits).</summary>
public static class MemberLifecycle
{
    /// <summary>
    /// Drops a running member inside the caller's transaction, with a <c>dropped</c> timeline entry. Returns the
    /// dropped member, or null when it had already ended.
    /// </summary>
    public static async Task<Member?> DropAsync(IStoreSession session, Member member, string reason, DateTimeOffset now)
    {
        if (!member.IsRunning)
        {
            return null;
        }

        var dropped = member.Ended(MemberStatus.Dropped, reason, now);
        if (!await session.Members.UpdateAsync(dropped, member.Revision))
        {
            throw new InvalidOperationException($"Member {member.Id} changed while being dropped.");
        }

        await session.Members.AppendTimelineAsync(member.Id,
            [new TimelineEntry(now, TimelineTypes.Dropped, member.CurrentStepId, new JsonObject { ["reason"] = reason })]);
        return dropped with { Revision = member.Revision + 1 };
    }

    /// <summary>Drops every running member of a flow, in batches, e.g. when the flow is archived.</summary>
    public static async Task<int> DropAllRunningAsync(IStoreSession session, Guid flowId, string reason,
        DateTimeOffset now, Func<Member, bool>? filter = null)
    {
        const int batchSize = 500;
        var dropped = 0;
        Guid? after = null;
        while (true)
        {
            var batch = await session.Members.ListRunningAsync(flowId, after, batchSize);
            foreach (var member in batch)
            {
                if (filter is null || filter(member))
                {
                    await DropAsync(session, member, reason, now);
                    dropped++;
                }
            }

            if (batch.Count < batchSize)
            {
                return dropped;
            }

            after = batch[^1].Id;
        }
    }
}
