using Runnel.Core.Errors;

namespace Runnel.Core.Flows;

/// <summary>Filters and order of <c>GET /v1/flows</c>: the statuses to include, the sort, and a name search.</summary>
public sealed record FlowListQuery(
    IReadOnlySet<FlowStatus> Statuses,
    FlowSortField SortBy,
    bool Descending,
    string? Search)
{
    public const int MaxSearchLength = 200;

    private static readonly FlowStatus[] AllStatuses = Enum.GetValues<FlowStatus>();

    /// <summary>
    /// Reads the query parameters. <c>status</c> picks one status or <c>any</c>; <c>archived</c> then keeps only
    /// archived flows (true) or drops them (false). With neither, archived flows are left out. Timestamps sort newest
    /// first and names A–Z unless <c>sort_order</c> says otherwise.
    /// </summary>
    public static FlowListQuery Parse(string? status, string? archived, string? sortBy, string? sortOrder,
        string? search, ValidationErrors errors)
    {
        IEnumerable<FlowStatus> statuses = status switch
        {
            null => archived is null ? AllStatuses.Where(s => s != FlowStatus.Archived) : AllStatuses,
            "any" => AllStatuses,
            "draft" => [FlowStatus.Draft],
            "active" => [FlowStatus.Active],
            "paused" => [FlowStatus.Paused],
            "archived" => [FlowStatus.Archived],
            _ => Invalid<FlowStatus>(errors, "status", "must be one of: draft, active, paused, archived, any"),
        };
        statuses = archived switch
        {
            null => statuses,
            "true" => statuses.Where(s => s == FlowStatus.Archived),
            "false" => statuses.Where(s => s != FlowStatus.Archived),
            _ => Invalid<FlowStatus>(errors, "archived", "must be true or false"),
        };
        var field = sortBy switch
        {
            null or "updated_at" => FlowSortField.UpdatedAt,
            "created_at" => FlowSortField.CreatedAt,
            "name" => FlowSortField.Name,
            _ => Invalid<FlowSortField>(errors, "sort_by", "must be one of: updated_at, created_at, name")
                .FirstOrDefault(),
        };
        var descending = sortOrder switch
        {
            null => field != FlowSortField.Name,
            "desc" => true,
            "asc" => false,
            _ => Invalid<bool>(errors, "sort_order", "must be asc or desc").FirstOrDefault(),
        };
        var term = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        if (term is { Length: > MaxSearchLength })
        {
            errors.Add("search", $"must be at most {MaxSearchLength} characters");
        }

        return new FlowListQuery(statuses.ToHashSet(), field, descending, term);
    }

    private static T[] Invalid<T>(ValidationErrors errors, string path, string message)
    {
        errors.Add(path, message);
        return [];
    }
}
