namespace Runnel.Client;

/// <summary>Filters and order of <see cref="FlowsResource.ListAsync(ListFlowsRequest?, CancellationToken)"/>.</summary>
public sealed class ListFlowsRequest : ListRequest
{
    /// <summary>One of <see cref="FlowStatuses"/>; null lists every flow that is not archived.</summary>
    public string? Status { get; set; }

    /// <summary>Whether to include (true) or list only (with <see cref="Status"/> any) archived flows.</summary>
    public bool? Archived { get; set; }

    /// <summary><c>updated_at</c>, <c>created_at</c> or <c>name</c>.</summary>
    public string? SortBy { get; set; }

    /// <summary><c>asc</c> or <c>desc</c>.</summary>
    public string? SortOrder { get; set; }

    /// <summary>Text to find in the flow's name.</summary>
    public string? Search { get; set; }

    internal override void AddFilters(QueryString query)
    {
        query.Add("status", Status);
        query.Add("archived", Archived);
        query.Add("sort_by", SortBy);
        query.Add("sort_order", SortOrder);
        query.Add("search", Search);
    }
}
