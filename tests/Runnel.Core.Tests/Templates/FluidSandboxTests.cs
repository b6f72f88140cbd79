using System.Text.Json.Nodes;
using Runnel.Core.Errors;
using Runnel.Core.Templates;

namespace Runnel.Core.Tests.Templates;

/// <summary>What the move to Fluid must not open: filters, tags and escaping holes Fluid has and Runnel refuses.</summary>
public sealed class FluidSandboxTests
{
    private readonly TemplateRenderer _renderer = TemplateFixtures.NewRenderer();

    [Fact]
    public void A_script_in_a_contacts_first_name_is_escaped_in_html()
    {
        var model = new TemplateModel(TemplateFixtures.Ada("<script>alert('x')</script>"));
        var html = _renderer.RenderHtml("<p>Hi {{contact.first_name}}</p>", model);
        Assert.Equal("<p>Hi &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>", html);
        Assert.Equal("Hi <script>alert('x')</script>", _renderer.RenderText("Hi {{contact.first_name}}", model));
        var email = _renderer.RenderEmail(new EmailContent("{{contact.first_name}}", null, "{{contact.first_name}}",
            "{{contact.first_name}}"), model);
        Assert.Equal("<script>alert('x')</script>", email.Subject);
        Assert.Equal("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", email.Html);
        Assert.Equal("<script>alert('x')</script>", email.Text);
    }

    [Theory]
    [InlineData("{{ contact.first_name | raw }}", "raw")]
    [InlineData("{{ contact.first_name | json }}", "json")]
    [InlineData("{{ contact.first_name | md5 }}", "md5")]
    [InlineData("{{ contact.first_name | format_date: 'd' }}", "format_date")]
    public void Fluid_filters_outside_the_sandbox_are_refused_when_parsed(string template, string filter)
    {
        Assert.Equal(new TemplateError(1, 25, $"unknown filter '{filter}'"), _renderer.FindError(template));
        var failure = Assert.Throws<RunnelException>(() => _renderer.RenderHtml(template, TemplateModel.Empty));
        Assert.Equal(ErrorCodes.TemplateRenderFailed, failure.Code);
    }

    [Theory]
    [InlineData("{% echo 'x' %}", "echo")]
    [InlineData("{% liquid assign x = 1 %}", "liquid")]
    [InlineData("{% # a comment %}", "#")]
    public void Fluid_tags_outside_the_sandbox_are_refused_when_parsed(string template, string tag) =>
        Assert.Equal(new TemplateError(2, 1, $"Unknown tag '{tag}'"), _renderer.FindError("ok\n" + template));

    [Fact]
    public void The_h_alias_of_escape_still_works_and_is_not_escaped_twice() =>
        Assert.Equal("Tom &amp; Jerry",
            _renderer.RenderHtml("{{ contact.first_name | h }}", new TemplateModel(TemplateFixtures.Ada("Tom & Jerry"))));

    [Fact]
    public void Non_ascii_text_is_not_turned_into_entities_in_html() =>
        Assert.Equal("Zoë &lt;3 ¡olé!",
            _renderer.RenderHtml("{{ contact.first_name }}", new TemplateModel(TemplateFixtures.Ada("Zoë <3 ¡olé!"))));

    [Fact]
    public void A_list_printed_whole_from_a_filter_is_escaped()
    {
        var model = new TemplateModel(Context: new JsonObject { ["csv"] = "<b>,&" });
        Assert.Equal("&lt;b&gt;&amp;", _renderer.RenderHtml("{{ context.csv | split: ',' }}", model));
    }

    [Fact]
    public void A_loop_over_a_list_longer_than_the_limit_stops_at_the_iteration_limit()
    {
        var template = "{% assign a = context.big | split: ',' %}{% for x in a %}{% endfor %}";
        var model = new TemplateModel(Context: new JsonObject
        {
            ["big"] = string.Join(',', Enumerable.Range(0, TemplateLimits.MaxLoopIterations + 1)),
        });
        var error = Assert.Throws<RunnelException>(() => _renderer.RenderText(template, model));
        Assert.Equal($"a loop ran more than {TemplateLimits.MaxLoopIterations} times", error.Detail);
    }

    [Theory]
    [InlineData("{% assign x = %}", 1, 1, "Syntax Error in 'assign' tag - Valid syntax: assign [var] = [source]")]
    [InlineData("a\n{{ contact.first_name | }}", 2, 1, "An identifier was expected after the '|' sign")]
    [InlineData("{% if a %}{{ b | plus: }}{% endif %}", 1, 11, "End of tag '}}' was expected")]
    public void Fluids_own_parse_errors_point_at_the_markup_they_are_in(string template, int line, int column,
        string reason) =>
        Assert.Equal(new TemplateError(line, column, reason), _renderer.FindError(template));
}
