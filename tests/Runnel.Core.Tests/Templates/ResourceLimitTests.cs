using System.Diagnostics;
using System.Text.Json.Nodes;
using Runnel.Core.Errors;
using Runnel.Core.Templates;

namespace Runnel.Core.Tests.Templates;

/// <summary>Each sandbox limit, hit on purpose: the render stops with a clear reason instead of hurting the host.</summary>
public sealed class ResourceLimitTests
{
    private readonly TemplateRenderer _renderer = TemplateFixtures.NewRenderer();

    private string Fails(string template, TemplateModel? model = null) => FailsWith(template, model).Detail!;

    private RunnelException FailsWith(string template, TemplateModel? model = null)
    {
        var error = Assert.Throws<RunnelException>(() => _renderer.RenderHtml(template, model ?? TemplateModel.Empty));
        Assert.Equal(ErrorCodes.TemplateRenderFailed, error.Code);
        return error;
    }

    [Fact]
    public void A_huge_loop_stops_at_the_iteration_limit()
    {
        var error = FailsWith("{% for i in (1..2000000000) %}{% endfor %}");
        Assert.Equal($"a loop ran more than {TemplateLimits.MaxLoopIterations} times", error.Detail);
        Assert.False(TemplateRenderer.IsTimeLimit(error));
        Assert.Equal($"a loop ran more than {TemplateLimits.MaxLoopIterations} times",
            Fails("{% tablerow i in (1..2000000000) %}{% endtablerow %}"));
    }

    [Fact]
    public void A_loop_within_the_limit_runs()
    {
        var output = _renderer.RenderText($"{{% for i in (1..{TemplateLimits.MaxLoopIterations}) %}}x{{% endfor %}}",
            TemplateModel.Empty);
        Assert.Equal(TemplateLimits.MaxLoopIterations, output.Length);
    }

    [Fact]
    public void Nested_loops_stop_at_the_time_limit()
    {
        var clock = Stopwatch.StartNew();
        var error = FailsWith(
            "{% for a in (1..10000) %}{% for b in (1..10000) %}{% for c in (1..10000) %}{% endfor %}{% endfor %}{% endfor %}");
        Assert.Equal("rendering took longer than 1 s", error.Detail);
        // Only the time limit may be retried (a stalled machine can cause it); the other limits are the template's.
        Assert.True(TemplateRenderer.IsTimeLimit(error));
        // The lower bound allows the deadline timer's granularity (it fired 0.6 ms "early" by the stopwatch once); the
        // upper bound only proves the render stopped, as a loaded CI machine may take a while to notice the limit.
        Assert.InRange(clock.Elapsed, TemplateLimits.MaxRenderTime - TimeSpan.FromMilliseconds(50),
            TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void An_output_bomb_stops_at_the_output_limit()
    {
        var big = new TemplateModel(Context: new JsonObject { ["big"] = new string('x', 1000) });
        Assert.Equal("the output is larger than 512 KiB",
            Fails("{% for i in (1..10000) %}{{ context.big }}{% endfor %}", big));
        Assert.Equal("the output is larger than 512 KiB",
            Fails("{% for i in (1..10000) %}" + new string('y', 100) + "{% endfor %}"));
        Assert.Equal("the output is larger than 512 KiB",
            Fails("{% for i in (1..10000) %}{% cycle '" + new string('z', 200) + "', 'b' %}{% endfor %}"));
    }

    [Theory]
    [InlineData("{% assign s = 'xxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}")]
    [InlineData("{% assign s = 'xxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | prepend: s %}{% endfor %}")]
    [InlineData("{% assign s = 'xxxxxxxx' %}{% for i in (1..40) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}")]
    [InlineData("{% assign s = 'aaaaaaaaaaaaaaaaaaaa' %}{% for i in (1..10) %}{% assign s = s | replace: 'a', s %}{% endfor %}")]
    [InlineData("{% assign s = 'aaaaaaaaaaaaaaaaaaaa' %}{% for i in (1..10) %}{% assign s = s | split: '' | join: s %}{% endfor %}")]
    [InlineData("{% assign s = 'xy' %}{% for i in (1..40) %}{% assign s = s | replace_first: 'x', s %}{% endfor %}")]
    public void Building_a_huge_string_stops_at_the_output_limit(string template) =>
        Assert.Matches("larger than 512 KiB|longer than 512 Ki characters", Fails(template));

    [Fact]
    public void Doubling_an_array_stops_at_the_array_limit()
    {
        Assert.Equal($"an array would hold more than {TemplateLimits.MaxArrayItems} items", Fails(
            "{% assign a = 'a,b' | split: ',' %}{% for i in (1..40) %}{% assign a = a | concat: a %}{% endfor %}"));
    }

    [Fact]
    public void Includes_cannot_reach_the_file_system()
    {
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "_secret.liquid"), "SECRET");
        var reason = Fails("before {% include 'secret' %} after");
        Assert.Contains("'include' tag is not available", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deep_enough_to_overflow_the_stack_is_refused_before_parsing()
    {
        const int depth = 20_000;
        var template = string.Concat(Enumerable.Repeat("{% if true %}", depth)) + "x"
                       + string.Concat(Enumerable.Repeat("{% endif %}", depth));
        var error = _renderer.FindError(template);
        Assert.Equal(new TemplateError(1, (TemplateLimits.MaxNestingDepth * 13) + 1,
            $"blocks nest more than {TemplateLimits.MaxNestingDepth} deep"), error);
        var fine = string.Concat(Enumerable.Repeat("{% if true %}", TemplateLimits.MaxNestingDepth)) + "x"
                   + string.Concat(Enumerable.Repeat("{% endif %}", TemplateLimits.MaxNestingDepth));
        Assert.Equal("x", _renderer.RenderText(fine, TemplateModel.Empty));
    }

    [Theory]
    [InlineData("{{ ", " }}")]
    [InlineData("{% assign x = ", " %}")]
    public void Expressions_nested_deep_enough_to_overflow_the_stack_are_refused_before_parsing(string open,
        string close)
    {
        // Fluid's parser overflowed a 256 KiB stack below 300 levels of a[a[…]]; a stack overflow ends the process.
        const int depth = 20_000;
        var template = "x\n" + open + string.Concat(Enumerable.Repeat("a[", depth)) + "0" + new string(']', depth)
                       + close;
        var error = _renderer.FindError(template);
        Assert.Equal(new TemplateError(2, 1, $"expressions nest more than {TemplateLimits.MaxNestingDepth} deep"),
            error);
        var fine = "{{ " + string.Concat(Enumerable.Repeat("a[", TemplateLimits.MaxNestingDepth)) + "0"
                   + new string(']', TemplateLimits.MaxNestingDepth) + " }}|{{ '[[[[' }}";
        Assert.Null(_renderer.FindError(fine));
    }

    [Fact]
    public void Templates_see_values_only_never_dotnet_members()
    {
        var model = new TemplateModel(TemplateFixtures.Ada());
        Assert.Equal("|||||", _renderer.RenderText(
            "{{ contact.GetType }}|{{ contact.id.Length }}|{{ contact.fields.Keys }}|{{ contact.WorkspaceId }}"
            + "|{{ contact.workspace_id }}|{{ contact.first_name.ToUpper }}",
            model));
    }
}
