namespace Runnel.Client;

/// <summary>The members of a flow (API.md §8.7).</summary>
public sealed class FlowMembersResource
{
    private static readonly RunnelJsonContext Json = RunnelJsonContext.Default;
    private readonly RunnelTransport _transport;

    internal FlowMembersResource(RunnelTransport transport) => _transport = transport;

    /// <summary>One page of the flow's members, without timelines.</summary>
    public Task<RunnelPage<FlowMember>> ListAsync(string flowId, ListMembersRequest? request = null,
        CancellationToken cancellationToken = default) =>
        _transport.ListAsync(RunnelRoutes.MembersList, RunnelRoutes.MembersList.Path(flowId),
            (request ?? new ListMembersRequest()).ToQuery(), Json.ListFlowMember, cancellationToken);

    /// <summary>Every member of the flow that matches <paramref name="request"/>, page after page.</summary>
    public IAsyncEnumerable<FlowMember> ListAllAsync(string flowId, ListMembersRequest? request = null,
        CancellationToken cancellationToken = default) =>
        _transport.ListAllAsync(RunnelRoutes.MembersList, RunnelRoutes.MembersList.Path(flowId), request,
            Json.ListFlowMember, cancellationToken);

    /// <summary>One member, with its timeline.</summary>
    public Task<FlowMember> GetAsync(string flowId, string memberId, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.MembersGet, RunnelRoutes.MembersGet.Path(flowId, memberId), null,
            Json.FlowMember, null, cancellationToken);

    /// <summary>Drops a member now (<c>exit_reason: removed</c>) and answers it as it is then.</summary>
    public Task<FlowMember> RemoveAsync(string flowId, string memberId, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.MembersRemove, RunnelRoutes.MembersRemove.Path(flowId, memberId), null,
            Json.FlowMember, null, cancellationToken);
}
