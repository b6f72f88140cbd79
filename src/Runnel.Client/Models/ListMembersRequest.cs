namespace Runnel.Client;

/// <summary>Filters of <see cref="FlowMembersResource.ListAsync(string, ListMembersRequest?, CancellationToken)"/>.</summary>
public sealed class ListMembersRequest : ListRequest
{
    /// <summary>One of <see cref="MemberStatuses"/>; null lists every member.</summary>
    public string? Status { get; set; }

    internal override void AddFilters(QueryString query) => query.Add("status", Status);
}
