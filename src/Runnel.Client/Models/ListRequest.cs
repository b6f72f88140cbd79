namespace Runnel.Client;

/// <summary>Paging of a list call: <see cref="Page"/> from 1 and <see cref="Limit"/> from 1 to 100.</summary>
public class ListRequest
{
    /// <summary>The page to fetch, from 1; null means the first.</summary>
    public int? Page { get; set; }

    /// <summary>Items per page, 1–100; null means the server's default (20).</summary>
    public int? Limit { get; set; }

    internal virtual void AddFilters(QueryString query)
    {
    }

    internal string ToQuery(int? page = null)
    {
        var query = new QueryString();
        query.Add("page", page ?? Page);
        query.Add("limit", Limit);
        AddFilters(query);
        return query.ToString();
    }
}
