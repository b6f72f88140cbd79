using System.Globalization;
using System.Reflection;
using Runnel.Core.Errors;
using Runnel.Core.Storage;

namespace Runnel.Server.Hosting;

/// <summary><c>page</c> and <c>limit</c> from the query string, checked; bound as a handler parameter.</summary>
public sealed class Paging
{
    private Paging(PageRequest request) => Request = request;

    public PageRequest Request { get; }

    public static ValueTask<Paging?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var errors = new ValidationErrors();
        var page = ParseInt(context, "page", 1, 1, 1_000_000, errors);
        var limit = ParseInt(context, "limit", PageRequest.DefaultLimit, 1, PageRequest.MaxLimit, errors);
        errors.ThrowIfAny();
        return ValueTask.FromResult<Paging?>(new Paging(new PageRequest(page, limit)));
    }

    public static int ParseInt(HttpContext context, string name, int fallback, int min, int max, ValidationErrors errors)
    {
        var values = context.Request.Query[name];
        if (values.Count == 0)
        {
            return fallback;
        }

        if (values.Count > 1 || !int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            errors.Add(name, $"must be a whole number from {min} to {max}");
            return fallback;
        }

        return value;
    }

    /// <summary>The list shape of API.md §1: items under <paramref name="key"/> plus <c>pagination</c>.</summary>
    public IResult Result<T>(string key, Page<T> page, Func<T, object> map) => ApiResults.Json(new Dictionary<string, object>
    {
        [key] = page.Items.Select(map).ToArray(),
        ["pagination"] = new PaginationInfo(Request.Page, Request.Limit, page.Total,
            (long)Math.Ceiling(page.Total / (double)Request.Limit)),
    });

    public sealed record PaginationInfo(int Page, int Limit, long Total, long TotalPages);
}
