using Runnel.Core.Errors;
using Runnel.Core.Json;
using Runnel.Core.Rules;

namespace Runnel.Core.Tests.Rules;

public sealed class RuleValidatorTests
{
    private static IReadOnlyList<FieldError> Validate(string json, RuleScope scope = RuleScope.Segment)
    {
        var errors = new ValidationErrors();
        RuleValidator.Validate(RunnelJson.Deserialize<RuleNode>(json)!, "rules", scope, errors);
        return errors.Items;
    }

    private static void AssertValid(string json, RuleScope scope = RuleScope.Segment) =>
        Assert.Empty(Validate(json, scope));

    private static void AssertError(string json, string path, RuleScope scope = RuleScope.Segment)
    {
        var errors = Validate(json, scope);
        Assert.True(errors.Any(e => e.Path == path),
            $"Expected an error at '{path}', got: {string.Join(", ", errors.Select(e => $"{e.Path}: {e.Message}"))}");
    }

    private static string Field(string op, string value) =>
        $$"""{"source":"contact","field":"plan","operator":"{{op}}"{{(value.Length == 0 ? "" : $",\"value\":{value}")}}}""";

    public static TheoryData<string> EmailStepOperators => [.. RuleOperators.EmailStep];

    [Theory]
    [InlineData("eq", "\"pro\"")]
    [InlineData("eq", "3")]
    [InlineData("eq", "true")]
    [InlineData("neq", "\"pro\"")]
    [InlineData("gt", "3")]
    [InlineData("gte", "\"2026-01-01\"")]
    [InlineData("lt", "2.5")]
    [InlineData("lte", "\"b\"")]
    [InlineData("contains", "\"ro\"")]
    [InlineData("not_contains", "\"ro\"")]
    [InlineData("starts_with", "\"p\"")]
    [InlineData("ends_with", "\"o\"")]
    [InlineData("in", "[\"pro\", 2, false]")]
    [InlineData("not_in", "[\"pro\"]")]
    [InlineData("is_set", "")]
    [InlineData("is_not_set", "")]
    [InlineData("before", "\"2026-12-01\"")]
    [InlineData("after", "\"2026-12-01T09:00:00Z\"")]
    [InlineData("within_last_days", "30")]
    [InlineData("more_than_days_ago", "1")]
    public void Every_field_operator_with_a_well_shaped_value_is_valid(string op, string value) =>
        AssertValid(Field(op, value));

    [Theory]
    [InlineData("equals", "\"pro\"", "rules.operator")]
    [InlineData("performed", "\"pro\"", "rules.operator")]
    [InlineData("", "\"pro\"", "rules.operator")]
    [InlineData("eq", "", "rules.value")]
    [InlineData("eq", "[\"pro\"]", "rules.value")]
    [InlineData("eq", "{\"a\":1}", "rules.value")]
    [InlineData("gt", "true", "rules.value")]
    [InlineData("gt", "", "rules.value")]
    [InlineData("contains", "3", "rules.value")]
    [InlineData("contains", "\"\"", "rules.value")]
    [InlineData("starts_with", "", "rules.value")]
    [InlineData("in", "\"pro\"", "rules.value")]
    [InlineData("in", "[]", "rules.value")]
    [InlineData("not_in", "[[1]]", "rules.value[0]")]
    [InlineData("in", "[\"a\", null]", "rules.value[1]")]
    [InlineData("is_set", "\"pro\"", "rules.value")]
    [InlineData("is_not_set", "false", "rules.value")]
    [InlineData("before", "\"next week\"", "rules.value")]
    [InlineData("after", "\"2026-12-01T09:00:00\"", "rules.value")]
    [InlineData("after", "20261201", "rules.value")]
    [InlineData("within_last_days", "\"30\"", "rules.value")]
    [InlineData("within_last_days", "0", "rules.value")]
    [InlineData("within_last_days", "1.5", "rules.value")]
    [InlineData("more_than_days_ago", "36501", "rules.value")]
    [InlineData("more_than_days_ago", "", "rules.value")]
    public void A_wrong_operator_or_value_is_reported_at_its_path(string op, string value, string path) =>
        AssertError(Field(op, value), path);

    [Fact]
    public void A_large_in_list_is_limited()
    {
        var values = string.Join(",", Enumerable.Range(0, RuleValidator.MaxInValues + 1));
        AssertError(Field("in", $"[{values}]"), "rules.value");
        AssertValid(Field("in", $"[{string.Join(",", Enumerable.Range(0, RuleValidator.MaxInValues))}]"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Plan")]
    [InlineData("1plan")]
    [InlineData("cart.total")]
    public void Contact_fields_must_be_field_names(string field) =>
        AssertError($$"""{"source":"contact","field":"{{field}}","operator":"is_set"}""", "rules.field");

    [Fact]
    public void Contact_fields_may_be_standard_or_custom_names()
    {
        AssertValid(
            """{"source":"contact","field":"email_subscription_status","operator":"eq","value":"subscribed"}""");
        AssertValid("""{"source":"contact","field":"trial_ends_at","operator":"before","value":"2026-12-01"}""");
    }

    [Fact]
    public void List_leaves_need_a_uuid_and_in_or_not_in()
    {
        AssertValid("""{"source":"list","list_id":"0190f5a2-7c1e-7000-8000-000000000001","operator":"in"}""");
        AssertValid("""{"source":"list","list_id":"0190f5a2-7c1e-7000-8000-000000000001","operator":"not_in"}""");
        AssertError("""{"source":"list","list_id":"vip","operator":"in"}""", "rules.list_id");
        AssertError("""{"source":"list","operator":"in"}""", "rules.list_id");
        AssertError("""{"source":"list","list_id":"0190f5a2-7c1e-7000-8000-000000000001","operator":"eq"}""",
            "rules.operator");
    }

    [Fact]
    public void Event_leaves_check_name_operator_window_count_and_filters()
    {
        AssertValid("""
            {"source":"event","name":"order_placed","operator":"performed","within_days":30,"min_count":2,
             "where":[{"property":"total","operator":"gte","value":100},{"property":"items.sku","operator":"is_set"}]}
            """);
        AssertValid("""{"source":"event","name":"order_placed","operator":"not_performed"}""");
        AssertError("""{"source":"event","operator":"performed"}""", "rules.name");
        AssertError("""{"source":"event","name":"  ","operator":"performed"}""", "rules.name");
        AssertError("""{"source":"event","name":"x","operator":"did"}""", "rules.operator");
        AssertError("""{"source":"event","name":"x","operator":"performed","within_days":0}""", "rules.within_days");
        AssertError("""{"source":"event","name":"x","operator":"performed","within_days":99999}""",
            "rules.within_days");
        AssertError("""{"source":"event","name":"x","operator":"performed","min_count":0}""", "rules.min_count");
        static string Where(string filter) =>
            $$"""{"source":"event","name":"x","operator":"performed","where":[{{filter}}]}""";
        AssertError(Where("""{"property":"total","operator":"big","value":1}"""), "rules.where[0].operator");
        AssertError(Where("""{"property":"","operator":"is_set"}"""), "rules.where[0].property");
        AssertError(Where("""{"property":"a","operator":"eq"}"""), "rules.where[0].value");
        var many = string.Join(",", Enumerable.Repeat("""{"property":"a","operator":"is_set"}""", 21));
        AssertError(Where(many), "rules.where");
    }

    [Fact]
    public void Context_and_email_step_leaves_are_for_flows_only()
    {
        const string context = """{"source":"context","field":"cart.total","operator":"gt","value":100}""";
        const string step = """{"source":"email_step","step_id":"welcome_1","operator":"opened"}""";
        AssertError(context, "rules.source");
        AssertError(step, "rules.source");
        AssertValid(context, RuleScope.Flow);
        AssertValid(step, RuleScope.Flow);
    }

    [Theory]
    [MemberData(nameof(EmailStepOperators))]
    public void Every_email_step_operator_is_valid_in_a_flow(string op) =>
        AssertValid($$"""{"source":"email_step","step_id":"welcome_1","operator":"{{op}}"}""", RuleScope.Flow);

    [Fact]
    public void Email_step_leaves_need_a_step_id_and_a_known_operator()
    {
        AssertError("""{"source":"email_step","operator":"opened"}""", "rules.step_id", RuleScope.Flow);
        AssertError("""{"source":"email_step","step_id":"bad id!","operator":"opened"}""", "rules.step_id",
            RuleScope.Flow);
        AssertError("""{"source":"email_step","step_id":"s1","operator":"eq"}""", "rules.operator", RuleScope.Flow);
        AssertError("""{"source":"context","field":"a..b","operator":"is_set"}""", "rules.field", RuleScope.Flow);
    }

    [Fact]
    public void Paths_name_the_leaf_inside_nested_groups()
    {
        var errors = Validate("""
            {"all":[
              {"source":"contact","field":"plan","operator":"eq","value":"pro"},
              {"any":[{"not":{"source":"contact","field":"age","operator":"gt","value":true}}]},
              {"source":"contact","field":"plan","operator":"bogus","value":"pro"}
            ]}
            """);
        Assert.Equal(["rules.all[1].any[0].not.value", "rules.all[2].operator"], errors.Select(e => e.Path));
    }

    [Fact]
    public void Empty_groups_are_rejected()
    {
        AssertError("""{"all":[]}""", "rules.all");
        AssertError("""{"all":[{"any":[]}]}""", "rules.all[0].any");
    }

    [Fact]
    public void Trees_nest_at_most_ten_deep()
    {
        const string leaf = """{"source":"contact","field":"plan","operator":"is_set"}""";
        string Nest(int depth) => depth == 1 ? leaf : $$"""{"not":{{Nest(depth - 1)}}}""";
        AssertValid(Nest(RuleValidator.MaxDepth));
        AssertError(Nest(RuleValidator.MaxDepth + 1), "rules" + string.Concat(Enumerable.Repeat(".not", 10)));
    }

    [Fact]
    public void Trees_hold_at_most_a_hundred_leaves()
    {
        const string leaf = """{"source":"contact","field":"plan","operator":"is_set"}""";
        AssertValid($$"""{"any":[{{string.Join(",", Enumerable.Repeat(leaf, RuleValidator.MaxLeaves))}}]}""");
        var tooMany = string.Join(",", Enumerable.Repeat(leaf, RuleValidator.MaxLeaves + 1));
        var errors = Validate($$"""{"any":[{{tooMany}}]}""");
        var error = Assert.Single(errors);
        Assert.Equal("rules", error.Path);
        Assert.Contains("101", error.Message, StringComparison.Ordinal);
    }
}
