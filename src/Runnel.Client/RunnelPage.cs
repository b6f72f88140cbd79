namespace Runnel.Client;

/// <summary>One page of a list: its items and where it sits in the whole list.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class RunnelPage<T>
{
    /// <summary>Creates a page.</summary>
    public RunnelPage(IReadOnlyList<T> items, Pagination pagination)
    {
        Items = items;
        Pagination = pagination;
    }

    /// <summary>The items of this page.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>The page number, size and totals.</summary>
    public Pagination Pagination { get; }

    /// <summary>Whether a later page exists.</summary>
    public bool HasMore => Pagination.Page < Pagination.TotalPages;
}
