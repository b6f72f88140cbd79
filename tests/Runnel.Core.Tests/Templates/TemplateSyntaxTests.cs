using Fluid.Parser;
using Runnel.Core.Errors;
using Runnel.Core.Templates;

namespace Runnel.Core.Tests.Templates;

public sealed class TemplateSyntaxTests
{
    private readonly TemplateRenderer _renderer = TemplateFixtures.NewRenderer();

    [Theory]
    [InlineData("Hello {{ contact.first_name }}")]
    [InlineData("{% if a %}{% for i in b %}{% case c %}{% when 1 %}{% endcase %}{% endfor %}{% endif %}")]
    [InlineData("{% raw %}{% if %}{% endraw %}")]
    [InlineData("")]
    [InlineData("plain { text } with {braces} and %}")]
    public void Valid_templates_have_no_errors(string template) => Assert.Empty(_renderer.Check(template, "html"));

    [Theory]
    [InlineData("line one\nline two\n  {% endfor %}", 3, 3, "Unknown tag 'endfor'")]
    [InlineData("<p>\n{% if contact.plan %}\nPro\n", 2, 1, "'if' is never closed with 'endif'")]
    [InlineData("{% for i in (1..3) %}\n  {% if x %}{{ i }}\n{% endfor %}", 3, 1, "Unknown tag 'endfor'")]
    [InlineData("a\nb {% for i in (1..3) %}\n{% if x %}{% endif %}", 2, 3, "'for' is never closed with 'endfor'")]
    [InlineData("a\n\n\nHi {{ contact.first_name ", 4, 4, "'{{ contact.first_name ' is not closed with }}")]
    [InlineData("x\n{% if contact.plan ", 2, 1, "'{% if contact.plan ' is not closed with %}")]
    [InlineData("ok\n{% nosuchtag %}", 2, 1, "Unknown tag 'nosuchtag'")]
    [InlineData("a {%- if x -%}\n  b {%- nosuch -%}{% endif %}", 2, 5, "Unknown tag 'nosuch'")]
    [InlineData("{% if x %}\n{% when 1 %}{% endif %}", 2, 1, "Unknown tag 'when'")]
    [InlineData("{# note #}\nok\n  {% nosuch %}", 3, 3, "Unknown tag 'nosuch'")]
    [InlineData("ok\nok\n{% for %}{% endfor %}", 3, 1, "Syntax Error in 'for' tag - Valid syntax: for [item] in [collection]")]
    [InlineData("{% capture %}{% endcapture %}", 1, 1, "Syntax Error in 'capture' - Valid syntax: capture [var]")]
    [InlineData("<p>\n  {{ contact.first_name | capitalise }}</p>", 2, 27, "unknown filter 'capitalise'")]
    [InlineData("{% assign x = 'a' | nosuch: 1 %}", 1, 21, "unknown filter 'nosuch'")]
    [InlineData("{% if a %}{% capture c %}{{ 1 | frobnicate }}{% endcapture %}{% endif %}", 1, 33, "unknown filter 'frobnicate'")]
    public void Parse_errors_name_their_line_and_column(string template, int line, int column, string reason)
    {
        var error = _renderer.FindError(template);
        Assert.NotNull(error);
        Assert.Equal(new TemplateError(line, column, reason), error);
    }

    [Fact]
    public void Check_reports_one_field_error_at_the_path()
    {
        var errors = _renderer.Check("Hi\n{% if x %}", "steps[0].body");
        var error = Assert.Single(errors);
        Assert.Equal(new FieldError("steps[0].body",
            "Liquid syntax error at line 2, column 1: 'if' is never closed with 'endif'"), error);
    }

    [Fact]
    public void An_error_on_a_later_line_of_a_long_template_is_found()
    {
        var lines = Enumerable.Range(0, 5000).Select(i => $"<p>{{{{ contact.first_name }}}} {i}</p>").ToList();
        lines[4321] = "{% else %}";
        var error = _renderer.FindError(string.Join('\n', lines));
        Assert.Equal(new TemplateError(4322, 1, "'else' is outside the block it belongs to"), error);
    }

    [Theory]
    [InlineData("{% include 'footer' %}", "include")]
    [InlineData("{% render 'footer' %}", "render")]
    [InlineData("{% extends 'layout' %}", "extends")]
    public void Tags_that_read_files_are_refused_when_parsed(string template, string tag)
    {
        var error = _renderer.FindError("<p>\n" + template);
        Assert.Equal(new TemplateError(2, 1,
            $"the '{tag}' tag is not available: templates cannot read files or other templates"), error);
        var failure = Assert.Throws<RunnelException>(() => _renderer.RenderHtml(template, TemplateModel.Empty));
        Assert.Equal(ErrorCodes.TemplateRenderFailed, failure.Code);
    }

    [Theory]
    [InlineData("{% capture c %}", true)]
    [InlineData("{% case x %}", true)]
    [InlineData("{% comment %}", true)]
    [InlineData("{% for i in x %}", true)]
    [InlineData("{% if x %}", true)]
    [InlineData("{% ifchanged %}", true)]
    [InlineData("{% raw %}", true)]
    [InlineData("{% tablerow i in x %}", true)]
    [InlineData("{% unless x %}", true)]
    [InlineData("{% assign a = 1 %}", false)]
    [InlineData("{% break %}", false)]
    [InlineData("{% continue %}", false)]
    [InlineData("{% cycle 'a', 'b' %}", false)]
    [InlineData("{% decrement n %}{% increment n %}", false)]
    public void The_block_tag_list_matches_fluids_parser(string markup, bool block)
    {
        var name = markup.Split(' ')[1];
        Assert.Equal(block, BlockScanner.BlockTags.Contains(name));
        Assert.Contains(name, LiquidSandbox.Parser.RegisteredTags.Keys);
        var parsesAlone = LiquidSandbox.Parser.Grammar.TryParse(new FluidParseContext(markup), out _, out _);
        Assert.Equal(!block, parsesAlone);
        if (block)
        {
            Assert.True(LiquidSandbox.Parser.Grammar.TryParse(new FluidParseContext(markup + $"{{% end{name} %}}"),
                out _, out _));
        }
    }

    [Fact]
    public void Fluid_offers_exactly_the_sandbox_tags() =>
        Assert.Equal(LiquidSandbox.Tags.Order(), LiquidSandbox.Parser.RegisteredTags.Keys.Order());

    [Fact]
    public void Garbage_never_escapes_as_anything_but_a_template_error()
    {
        var pieces = new[]
        {
            "{{", "}}", "{%", "%}", "{%-", "-%}", "if", "for", "endif", "endfor", "raw", "endraw", "comment", "'", "\"",
            "|", ":", ",", "(", ")", "..", "[", "]", "x", " ", "\n", "case", "when", "else", "capture", "assign", "=",
            "cycle", "tablerow", "include", "break", "{{-", "-}}", "0", "-1", "nil", "contains", "and", "or",
        };
        var random = new Random(20261122);
        for (var i = 0; i < 1500; i++)
        {
            var template = string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => pieces[random.Next(pieces.Length)]));
            _renderer.Check(template, "html");
            try
            {
                _renderer.RenderHtml(template, TemplateModel.Empty);
            }
            catch (RunnelException error)
            {
                Assert.Equal(ErrorCodes.TemplateRenderFailed, error.Code);
            }
        }
    }
}
