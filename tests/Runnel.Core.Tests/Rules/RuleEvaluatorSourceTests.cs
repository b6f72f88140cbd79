using System.Text.Json.Nodes;
using Runnel.Core.Rules;

namespace Runnel.Core.Tests.Rules;

/// <summary>List, event, context and email_step leaves, and how groups combine leaves.</summary>
public sealed class RuleEvaluatorSourceTests
{
    private static readonly Guid Vip = Guid.Parse("0190f5a2-7c1e-7000-8000-000000000001");
    private static readonly Guid Churned = Guid.Parse("0190f5a2-7c1e-7000-8000-000000000002");
    private static readonly DateTimeOffset Now = RuleTestKit.Now;

    private static string InList(Guid id, string op = "in") =>
        $$"""{"source":"list","list_id":"{{id}}","operator":"{{op}}"}""";

    public static TheoryData<string> EmailStepOperators => [.. RuleOperators.EmailStep];

    private static string Not(string node) => $$"""{"not":{{node}}}""";

    [Fact]
    public void List_leaves_read_membership()
    {
        var kit = new RuleTestKit();
        kit.Lists.Add(Vip);
        Assert.True(kit.Matches(InList(Vip)));
        Assert.False(kit.Matches(InList(Vip, "not_in")));
        Assert.False(kit.Matches(InList(Churned)));
        Assert.True(kit.Matches(InList(Churned, "not_in")));
    }

    [Fact]
    public void Performed_needs_one_event_of_that_name_by_default()
    {
        var kit = new RuleTestKit().WithEvent("Order_Placed", Now.AddDays(-1));
        Assert.False(kit.Matches("""{"source":"event","name":"order_placed","operator":"performed"}"""));
        Assert.True(kit.Matches("""{"source":"event","name":"order_placed","operator":"not_performed"}"""));
        kit.WithEvent("order_placed", Now.AddDays(-400));
        Assert.True(kit.Matches("""{"source":"event","name":"order_placed","operator":"performed"}"""));
        Assert.False(kit.Matches("""{"source":"event","name":"order_placed","operator":"not_performed"}"""));
    }

    [Fact]
    public void Within_days_counts_only_events_from_that_window_up_to_now()
    {
        var kit = new RuleTestKit()
            .WithEvent("login", Now.AddDays(-30).AddSeconds(-1))
            .WithEvent("login", Now.AddDays(1));
        const string rule = """{"source":"event","name":"login","operator":"performed","within_days":30}""";
        Assert.False(kit.Matches(rule));
        kit.WithEvent("login", Now.AddDays(-30));
        Assert.True(kit.Matches(rule));
        Assert.False(kit.Matches(rule.Replace("\"performed\"", "\"not_performed\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Min_count_needs_that_many_matching_events()
    {
        var kit = new RuleTestKit().WithEvent("order_placed", Now.AddDays(-2))
            .WithEvent("order_placed", Now.AddDays(-3));
        Assert.True(kit.Matches("""{"source":"event","name":"order_placed","operator":"performed","min_count":2}"""));
        Assert.False(kit.Matches("""{"source":"event","name":"order_placed","operator":"performed","min_count":3}"""));
        Assert.True(kit.Matches(
            """{"source":"event","name":"order_placed","operator":"not_performed","min_count":3}"""));
        Assert.False(kit.Matches(
            """{"source":"event","name":"order_placed","operator":"performed","min_count":2,"within_days":2}"""));
    }

    [Fact]
    public void Where_filters_must_all_hold_for_an_event_to_count()
    {
        var kit = new RuleTestKit()
            .WithEvent("order_placed", Now.AddDays(-1), """{"total":80,"currency":"USD","shipping":{"country":"GB"}}""")
            .WithEvent("order_placed", Now.AddDays(-2), """{"total":"120.50","currency":"eur"}""")
            .WithEvent("order_placed", Now.AddDays(-3),
                """{"total":150,"currency":"USD","shipping":{"country":"US"}}""");
        string Rule(string where, int min = 1) =>
            $$"""{"source":"event","name":"order_placed","operator":"performed","min_count":{{min}},"where":[{{where}}]}""";

        Assert.True(kit.Matches(Rule("""{"property":"total","operator":"gte","value":100}""", 2)));
        Assert.False(kit.Matches(Rule("""{"property":"total","operator":"gte","value":100}""", 3)));
        Assert.True(kit.Matches(Rule(
            """{"property":"total","operator":"gte","value":100},{"property":"currency","operator":"eq","value":"EUR"}""")));
        Assert.False(kit.Matches(Rule(
            """{"property":"total","operator":"gte","value":130},{"property":"currency","operator":"eq","value":"EUR"}""")));
        Assert.True(kit.Matches(Rule("""{"property":"shipping.country","operator":"eq","value":"us"}""")));
        Assert.True(kit.Matches(Rule("""{"property":"shipping.country","operator":"is_not_set"}""")));
        Assert.False(kit.Matches(Rule("""{"property":"coupon","operator":"is_set"}""")));
    }

    [Fact]
    public void Context_leaves_read_the_trigger_context_by_dotted_path()
    {
        var kit = new RuleTestKit
        {
            Context = JsonNode.Parse("""{"cart":{"total":120,"items":["book","pen"]},"source":"Web"}""")!.AsObject(),
        };
        Assert.True(kit.Matches("""{"source":"context","field":"cart.total","operator":"gt","value":100}"""));
        Assert.True(kit.Matches("""{"source":"context","field":"cart.total","operator":"lt","value":"200"}"""));
        Assert.True(kit.Matches("""{"source":"context","field":"source","operator":"eq","value":"web"}"""));
        Assert.True(kit.Matches("""{"source":"context","field":"cart.items","operator":"contains","value":"PEN"}"""));
        Assert.False(kit.Matches("""{"source":"context","field":"cart.coupon","operator":"is_set"}"""));
        Assert.False(kit.Matches("""{"source":"context","field":"source.name","operator":"is_set"}"""));
        Assert.True(kit.Matches("""{"source":"context","field":"cart.coupon","operator":"neq","value":"X"}"""));
    }

    [Fact]
    public void Context_leaves_without_a_context_see_missing_values()
    {
        var kit = new RuleTestKit();
        Assert.False(kit.Matches("""{"source":"context","field":"cart.total","operator":"gt","value":100}"""));
        Assert.True(kit.Matches("""{"source":"context","field":"cart.total","operator":"is_not_set"}"""));
    }

    [Theory]
    [InlineData("sent", true)]
    [InlineData("delivered", true)]
    [InlineData("opened", false)]
    [InlineData("clicked", false)]
    [InlineData("bounced", false)]
    [InlineData("not_opened", true)]
    [InlineData("not_clicked", true)]
    public void Email_step_leaves_read_the_step_engagement(string op, bool expected)
    {
        var kit = new RuleTestKit();
        kit.Steps["welcome_1"] = new EmailStepFacts(Sent: true, Delivered: true, Opened: false, Clicked: false,
            Bounced: false);
        Assert.Equal(expected, kit.Matches($$"""{"source":"email_step","step_id":"welcome_1","operator":"{{op}}"}"""));
    }

    [Theory]
    [InlineData("opened", true)]
    [InlineData("clicked", true)]
    [InlineData("not_opened", false)]
    [InlineData("not_clicked", false)]
    [InlineData("bounced", true)]
    public void Email_step_engagement_after_opening_and_clicking(string op, bool expected)
    {
        var kit = new RuleTestKit();
        kit.Steps["s"] = new EmailStepFacts(Sent: true, Delivered: false, Opened: true, Clicked: true, Bounced: true);
        Assert.Equal(expected, kit.Matches($$"""{"source":"email_step","step_id":"s","operator":"{{op}}"}"""));
    }

    [Theory]
    [MemberData(nameof(EmailStepOperators))]
    public void A_step_that_never_sent_matches_no_email_step_operator(string op) =>
        Assert.False(new RuleTestKit().Matches($$"""{"source":"email_step","step_id":"later","operator":"{{op}}"}"""));

    [Fact]
    public void Groups_combine_their_children()
    {
        var kit = new RuleTestKit();
        const string yes = """{"source":"contact","field":"first_name","operator":"eq","value":"Ada"}""";
        const string no = """{"source":"contact","field":"first_name","operator":"eq","value":"Bob"}""";
        Assert.True(kit.Matches($$"""{"all":[{{yes}},{{yes}}]}"""));
        Assert.False(kit.Matches($$"""{"all":[{{yes}},{{no}}]}"""));
        Assert.True(kit.Matches($$"""{"any":[{{no}},{{yes}}]}"""));
        Assert.False(kit.Matches($$"""{"any":[{{no}},{{no}}]}"""));
        Assert.True(kit.Matches($$"""{"not":{{no}}}"""));
        Assert.False(kit.Matches($$"""{"not":{{yes}}}"""));
    }

    [Fact]
    public void Nested_groups_mix_every_source()
    {
        var kit = new RuleTestKit().With("plan", "pro", "text").WithEvent("order_placed", Now.AddDays(-5));
        kit.Lists.Add(Vip);
        var rule = $$"""
            {"all":[
              {"source":"contact","field":"plan","operator":"in","value":["pro","team"]},
              {"any":[
                {"source":"event","name":"order_placed","operator":"performed","within_days":3},
                {"all":[{{InList(Vip)}},{{Not(InList(Churned))}}]}
              ]},
              {{Not("""{"source":"contact","field":"email","operator":"ends_with","value":"@spam.test"}""")}}
            ]}
            """;
        Assert.True(kit.Matches(rule));
        kit.Lists.Add(Churned);
        Assert.False(kit.Matches(rule));
        kit.WithEvent("order_placed", Now.AddDays(-1));
        Assert.True(kit.Matches(rule));
    }

    [Fact]
    public void A_tree_at_the_limits_evaluates()
    {
        const string leaf = """{"source":"contact","field":"first_name","operator":"starts_with","value":"A"}""";
        string Nest(int depth) => depth == 1
            ? $$"""{"all":[{{string.Join(",", Enumerable.Repeat(leaf, RuleValidator.MaxLeaves))}}]}"""
            : Not(Not(Nest(depth - 2)));
        var rule = Nest(RuleValidator.MaxDepth - 1);
        var errors = new Errors.ValidationErrors();
        RuleValidator.Validate(Runnel.Core.Json.RunnelJson.Deserialize<RuleNode>(rule)!, "rules", RuleScope.Segment, errors);
        Assert.Empty(errors.Items);
        Assert.True(new RuleTestKit().Matches(rule));
    }
}
