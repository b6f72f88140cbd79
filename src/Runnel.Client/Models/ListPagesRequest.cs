namespace Runnel.Client;

/// <summary>Filters of <see cref="PagesResource.ListAsync(ListPagesRequest?, CancellationToken)"/>.</summary>
public sealed class ListPagesRequest : ListRequest
{
    /// <summary>Text to find in the page's name or alias.</summary>
    public string? Search { get; set; }

    internal override void AddFilters(QueryString query) => query.Add("search", Search);
}
