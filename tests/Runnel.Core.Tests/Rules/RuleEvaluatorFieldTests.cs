using System.Text.Json.Nodes;

namespace Runnel.Core.Tests.Rules;

/// <summary>
/// Field operators on contact fields: every operator, the coercions between types, and missing values.
/// </summary>
public sealed class RuleEvaluatorFieldTests
{
    [Theory]
    [InlineData("eq", "\"ADA\"", true)]
    [InlineData("eq", "\"Ad\"", false)]
    [InlineData("neq", "\"ada\"", false)]
    [InlineData("neq", "\"Bob\"", true)]
    [InlineData("gt", "\"ab\"", true)]
    [InlineData("gt", "\"ADB\"", false)]
    [InlineData("gte", "\"ADA\"", true)]
    [InlineData("lt", "\"b\"", true)]
    [InlineData("lte", "\"aDa\"", true)]
    [InlineData("lte", "\"ac\"", false)]
    [InlineData("contains", "\"DA\"", true)]
    [InlineData("contains", "\"bob\"", false)]
    [InlineData("not_contains", "\"DA\"", false)]
    [InlineData("not_contains", "\"bob\"", true)]
    [InlineData("starts_with", "\"aD\"", true)]
    [InlineData("starts_with", "\"da\"", false)]
    [InlineData("ends_with", "\"DA\"", true)]
    [InlineData("ends_with", "\"ad\"", false)]
    [InlineData("in", "[\"bob\", \"ADA\"]", true)]
    [InlineData("in", "[\"bob\", \"eve\"]", false)]
    [InlineData("not_in", "[\"bob\", \"ada\"]", false)]
    [InlineData("not_in", "[\"bob\"]", true)]
    [InlineData("is_set", "", true)]
    [InlineData("is_not_set", "", false)]
    public void Text_operators_compare_case_insensitively(string op, string value, bool expected) =>
        Assert.Equal(expected, new RuleTestKit().Field("first_name", op, value));

    [Theory]
    [InlineData("eq", "\"ada@example.com\"", "email", true)]
    [InlineData("ends_with", "\"@EXAMPLE.com\"", "email", true)]
    [InlineData("starts_with", "\"+1415\"", "phone", true)]
    [InlineData("eq", "\"user_42\"", "external_id", true)]
    [InlineData("eq", "\"lovelace\"", "last_name", true)]
    [InlineData("eq", "\"europe/london\"", "timezone", true)]
    [InlineData("eq", "\"subscribed\"", "email_subscription_status", true)]
    [InlineData("eq", "\"non_subscribed\"", "sms_subscription_status", true)]
    [InlineData("eq", "\"0190f5a2-7c1e-7000-8000-0000000000aa\"", "id", true)]
    [InlineData("is_not_set", "", "opted_in_at", true)]
    [InlineData("eq", "\"2026-11-01\"", "created_at", true)]
    [InlineData("after", "\"2026-11-20T08:00:00Z\"", "updated_at", true)]
    public void Standard_fields_are_read_by_their_json_names(string op, string value, string field, bool expected) =>
        Assert.Equal(expected, new RuleTestKit().Field(field, op, value));

    [Theory]
    [InlineData("eq", "10", true)]
    [InlineData("eq", "10.0", true)]
    [InlineData("eq", "\"10\"", true)]
    [InlineData("neq", "9", true)]
    [InlineData("gt", "9.5", true)]
    [InlineData("gt", "10", false)]
    [InlineData("gte", "10", true)]
    [InlineData("lt", "100", true)]
    [InlineData("lt", "\"100\"", true)]
    [InlineData("lte", "9", false)]
    [InlineData("in", "[1, 10]", true)]
    [InlineData("not_in", "[1, 2]", true)]
    [InlineData("eq", "\"ten\"", false)]
    [InlineData("neq", "\"ten\"", true)]
    [InlineData("gt", "\"ten\"", false)]
    public void Number_fields_compare_by_value(string op, string value, bool expected) =>
        Assert.Equal(expected, new RuleTestKit().With("seats", 10, "number").Field("seats", op, value));

    [Fact]
    public void Numbers_compare_by_value_not_as_text()
    {
        var kit = new RuleTestKit().With("seats", 9, "number");
        Assert.True(kit.Field("seats", "lt", "10"));
        Assert.False(kit.Field("seats", "gt", "10"));
    }

    [Theory]
    [InlineData("gt", "9", true)]
    [InlineData("eq", "42", true)]
    [InlineData("lt", "100", true)]
    [InlineData("eq", "\"42\"", true)]
    public void A_numeric_text_value_compares_as_a_number_against_a_number(string op, string value, bool expected) =>
        Assert.Equal(expected, new RuleTestKit().With("zip", "42", "text").Field("zip", op, value));

    [Fact]
    public void Text_that_is_not_a_number_is_neither_above_nor_below_a_number()
    {
        var kit = new RuleTestKit().With("code", "abc", "text");
        Assert.False(kit.Field("code", "gt", "5"));
        Assert.False(kit.Field("code", "lt", "5"));
        Assert.False(kit.Field("code", "eq", "5"));
        Assert.True(kit.Field("code", "neq", "5"));
    }

    [Fact]
    public void A_text_field_compares_digits_as_text_against_text()
    {
        var kit = new RuleTestKit().With("zip", "9", "text");
        Assert.True(kit.Field("zip", "gt", "\"10\""));
        Assert.False(kit.Field("zip", "gt", "10"));
    }

    [Theory]
    [InlineData("eq", "true", true)]
    [InlineData("eq", "\"TRUE\"", true)]
    [InlineData("eq", "false", false)]
    [InlineData("neq", "false", true)]
    [InlineData("in", "[false, true]", true)]
    [InlineData("gt", "0", false)]
    public void Boolean_fields_compare_as_booleans(string op, string value, bool expected) =>
        Assert.Equal(expected, new RuleTestKit().With("vip", true, "boolean").Field("vip", op, value));

    [Theory]
    [InlineData("eq", "\"2026-12-01\"", true)]
    [InlineData("eq", "\"2026-12-01T23:59:59Z\"", true)]
    [InlineData("eq", "\"2026-12-02T00:00:00Z\"", false)]
    [InlineData("before", "\"2026-12-02\"", true)]
    [InlineData("before", "\"2026-12-01T08:00:00Z\"", false)]
    [InlineData("after", "\"2026-11-30T23:00:00Z\"", true)]
    [InlineData("after", "\"2026-12-01\"", false)]
    [InlineData("gt", "\"2026-11-30\"", true)]
    [InlineData("lte", "\"2026-12-01T00:00:00Z\"", true)]
    [InlineData("lt", "\"2026-12-01\"", false)]
    public void Date_fields_compare_by_day_when_either_side_is_a_date(string op, string value, bool expected) =>
        Assert.Equal(expected, new RuleTestKit().With("trial_ends_at", "2026-12-01", "date")
            .Field("trial_ends_at", op, value));

    [Theory]
    [InlineData("eq", "\"2026-11-20T10:00:00+02:00\"", true)]
    [InlineData("eq", "\"2026-11-20T08:00:01Z\"", false)]
    [InlineData("eq", "\"2026-11-20\"", true)]
    [InlineData("before", "\"2026-11-20T08:00:01Z\"", true)]
    [InlineData("after", "\"2026-11-20T07:59:59Z\"", true)]
    [InlineData("after", "\"2026-11-20\"", false)]
    [InlineData("before", "\"2026-11-21\"", true)]
    [InlineData("gte", "\"2026-11-20T08:00:00Z\"", true)]
    public void Datetime_fields_compare_instants_and_days(string op, string value, bool expected) =>
        Assert.Equal(expected, new RuleTestKit().With("last_login", "2026-11-20T08:00:00Z", "datetime")
            .Field("last_login", op, value));

    [Theory]
    [InlineData("2026-11-22T08:00:00Z", 1, true)]
    [InlineData("2026-11-21T09:00:00Z", 1, true)]
    [InlineData("2026-11-21T08:59:59Z", 1, false)]
    [InlineData("2026-11-15T09:00:00Z", 7, true)]
    [InlineData("2026-11-22T09:00:01Z", 7, false)]
    [InlineData("2026-11-21", 1, true)]
    [InlineData("2026-11-22", 1, true)]
    [InlineData("2026-11-20", 1, false)]
    [InlineData("2026-11-23", 30, false)]
    public void Within_last_days_spans_n_days_up_to_now(string value, int days, bool expected) =>
        Assert.Equal(expected, new RuleTestKit().With("seen", value)
            .Field("seen", "within_last_days", days.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-11-21T08:59:59Z", 1, true)]
    [InlineData("2026-11-21T09:00:00Z", 1, false)]
    [InlineData("2026-10-01T00:00:00Z", 30, true)]
    [InlineData("2026-11-20", 1, true)]
    [InlineData("2026-11-21", 1, false)]
    [InlineData("2027-01-01", 1, false)]
    public void More_than_days_ago_is_older_than_n_days(string value, int days, bool expected) =>
        Assert.Equal(expected, new RuleTestKit().With("seen", value)
            .Field("seen", "more_than_days_ago", days.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Standard_timestamps_work_with_day_operators()
    {
        var kit = new RuleTestKit();
        Assert.True(kit.Field("created_at", "more_than_days_ago", "14"));
        Assert.False(kit.Field("created_at", "within_last_days", "14"));
        Assert.True(kit.Field("updated_at", "within_last_days", "3"));
    }

    [Fact]
    public void Date_operators_on_values_that_are_not_dates_are_false()
    {
        var kit = new RuleTestKit().With("seats", 10, "number").With("nick", "soon", "text");
        Assert.False(kit.Field("seats", "before", "\"2030-01-01\""));
        Assert.False(kit.Field("nick", "after", "\"2000-01-01\""));
        Assert.False(kit.Field("nick", "within_last_days", "30"));
        Assert.False(kit.Field("nick", "more_than_days_ago", "30"));
    }

    [Theory]
    [InlineData("eq", "\"x\"", false)]
    [InlineData("neq", "\"x\"", true)]
    [InlineData("gt", "1", false)]
    [InlineData("gte", "1", false)]
    [InlineData("lt", "1", false)]
    [InlineData("lte", "1", false)]
    [InlineData("contains", "\"x\"", false)]
    [InlineData("not_contains", "\"x\"", true)]
    [InlineData("starts_with", "\"x\"", false)]
    [InlineData("ends_with", "\"x\"", false)]
    [InlineData("in", "[\"x\"]", false)]
    [InlineData("not_in", "[\"x\"]", true)]
    [InlineData("is_set", "", false)]
    [InlineData("is_not_set", "", true)]
    [InlineData("before", "\"2030-01-01\"", false)]
    [InlineData("after", "\"2000-01-01\"", false)]
    [InlineData("within_last_days", "30", false)]
    [InlineData("more_than_days_ago", "30", false)]
    public void A_missing_value_satisfies_only_the_negative_operators(string op, string value, bool expected)
    {
        var kit = new RuleTestKit().With("blank", "", "text").With("nothing", null, "text");
        Assert.Equal(expected, kit.Field("plan", op, value));
        Assert.Equal(expected, kit.Field("blank", op, value));
        Assert.Equal(expected, kit.Field("nothing", op, value));
        Assert.Equal(expected, kit.Field("opted_in_at", op, value));
    }

    [Fact]
    public void Custom_fields_without_a_definition_compare_by_their_json_kind()
    {
        var kit = new RuleTestKit().With("score", 7).With("renewal", "2026-12-01").With("beta", false)
            .With("plan", "Pro");
        Assert.True(kit.Field("score", "gt", "\"6\""));
        Assert.True(kit.Field("renewal", "before", "\"2026-12-02T00:00:00Z\""));
        Assert.True(kit.Field("renewal", "eq", "\"2026-12-01T15:00:00Z\""));
        Assert.True(kit.Field("beta", "eq", "\"false\""));
        Assert.False(kit.Field("beta", "lt", "true"));
        Assert.True(kit.Field("plan", "eq", "\"pro\""));
        Assert.False(kit.Field("plan", "eq", "1"));
    }

    [Fact]
    public void Standard_fields_take_precedence_over_custom_fields_of_the_same_name()
    {
        var kit = new RuleTestKit().With("email", "other@example.com", "text");
        Assert.True(kit.Field("email", "eq", "\"ada@example.com\""));
    }

    [Fact]
    public void Structured_values_are_only_matched_by_set_operators_and_contains()
    {
        var kit = new RuleTestKit().With("tags", new JsonArray("Beta", "vip"));
        Assert.True(kit.Field("tags", "is_set"));
        Assert.True(kit.Field("tags", "contains", "\"VIP\""));
        Assert.False(kit.Field("tags", "contains", "\"vi\""));
        Assert.True(kit.Field("tags", "not_contains", "\"gold\""));
        Assert.False(kit.Field("tags", "eq", "\"vip\""));
        Assert.True(new RuleTestKit().With("tags", new JsonArray()).Field("tags", "is_not_set"));
    }
}
