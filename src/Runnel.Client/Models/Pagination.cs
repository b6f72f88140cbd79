namespace Runnel.Client;

/// <summary>Where a page sits in a list.</summary>
public sealed class Pagination
{
    /// <summary>The page number, from 1.</summary>
    public int Page { get; set; }

    /// <summary>Items per page.</summary>
    public int Limit { get; set; }

    /// <summary>Items in the whole list.</summary>
    public long Total { get; set; }

    /// <summary>Pages in the whole list.</summary>
    public int TotalPages { get; set; }
}
