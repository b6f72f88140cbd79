using Runnel.Core.Errors;
using Runnel.Core.Flows;

namespace Runnel.Core.Tests.Flows;

public sealed class FlowListQueryTests
{
    private static FlowListQuery Parse(string? status = null, string? archived = null, string? sortBy = null,
        string? sortOrder = null, string? search = null)
    {
        var errors = new ValidationErrors();
        var query = FlowListQuery.Parse(status, archived, sortBy, sortOrder, search, errors);
        Assert.Equal(0, errors.Count);
        return query;
    }

    [Theory]
    [InlineData(null, null, "Draft,Active,Paused")]
    [InlineData("any", null, "Draft,Active,Paused,Archived")]
    [InlineData(null, "true", "Archived")]
    [InlineData(null, "false", "Draft,Active,Paused")]
    [InlineData("any", "false", "Draft,Active,Paused")]
    [InlineData("paused", null, "Paused")]
    [InlineData("archived", null, "Archived")]
    [InlineData("active", "true", "")]
    [InlineData("archived", "false", "")]
    public void Status_and_archived_combine(string? status, string? archived, string expected)
    {
        var statuses = Parse(status, archived).Statuses.Order().Select(s => s.ToString());
        Assert.Equal(expected, string.Join(",", statuses));
    }

    [Fact]
    public void Sorting_defaults_to_newest_first_except_names_a_to_z()
    {
        Assert.Equal((FlowSortField.UpdatedAt, true), (Parse().SortBy, Parse().Descending));
        Assert.Equal((FlowSortField.CreatedAt, true), (Parse(sortBy: "created_at").SortBy, Parse(sortBy: "created_at").Descending));
        Assert.False(Parse(sortBy: "name").Descending);
        Assert.True(Parse(sortBy: "name", sortOrder: "desc").Descending);
        Assert.False(Parse(sortOrder: "asc").Descending);
    }

    [Fact]
    public void Search_is_trimmed_and_blank_means_none()
    {
        Assert.Equal("Welcome", Parse(search: "  Welcome ").Search);
        Assert.Null(Parse(search: "   ").Search);
    }

    [Fact]
    public void Bad_values_are_reported_by_parameter()
    {
        var errors = new ValidationErrors();
        FlowListQuery.Parse("deleted", "yes", "popularity", "up", new string('s', 201), errors);
        Assert.Equal(["status", "archived", "sort_by", "sort_order", "search"], errors.Items.Select(e => e.Path));
    }
}
