using System.Text.Json.Nodes;
using Runnel.Core.Errors;
using Runnel.Core.Templates;

namespace Runnel.Core.Tests.Templates;

public sealed class TemplateRendererTests
{
    private readonly TemplateRenderer _renderer = TemplateFixtures.NewRenderer();

    private static TemplateModel Model(string firstName = "Ada") => new(
        TemplateFixtures.Ada(firstName),
        Context: new JsonObject { ["cart_id"] = "987", ["total"] = 120.5, ["items"] = new JsonArray("tea", "cake"),
            ["user"] = new JsonObject { ["tier"] = "gold" } },
        DynamicContext: new JsonObject { ["coupon_code"] = "SAVE20" },
        ReplyText: "YES please", FlowName: "Welcome series",
        UnsubscribeUrl: "https://runnel.example/u/tok", PageUrl: "https://runnel.example/p/ada");

    [Theory]
    [InlineData("{{ contact.first_name }} {{ contact.last_name }}", "Ada Lovelace")]
    [InlineData("{{ contact.email }}|{{ contact.phone }}|{{ contact.external_id }}", "ada@example.com|+14155550123|user_42")]
    [InlineData("{{ contact.id }}", "01930000-0000-7000-8000-000000000001")]
    [InlineData("{{ contact.timezone }} {{ contact.email_subscription_status }} {{ contact.sms_subscription_status }}",
        "Europe/London subscribed non_subscribed")]
    [InlineData("{{ contact.created_at }} {{ contact.opted_in_at }}", "2025-12-24T18:00:00Z 2026-01-02T03:04:05Z")]
    [InlineData("{{ contact.plan }} {{ contact.seats }} {{ contact.fields.plan }}", "pro 5 pro")]
    [InlineData("{{ contact.fields.email }}/{{ contact.email }}", "shadowed/ada@example.com")]
    [InlineData("{{ context.cart_id }} {{ context.total }} {{ context.user.tier }} {{ context.items[1] }}", "987 120.5 gold cake")]
    [InlineData("{{ campaign.dynamic.coupon_code }}", "SAVE20")]
    [InlineData("{{ reply.text }} / {{ flow.name }}", "YES please / Welcome series")]
    [InlineData("{{ unsubscribe_url }} {{ page_url }}", "https://runnel.example/u/tok https://runnel.example/p/ada")]
    public void Variables_resolve_from_the_model(string template, string expected) =>
        Assert.Equal(expected, _renderer.RenderText(template, Model()));

    [Theory]
    [InlineData("[{{ contact.nickname }}]")]
    [InlineData("[{{ context.a.b.c }}]")]
    [InlineData("[{{ campaign.dynamic.nothing }}]")]
    [InlineData("[{{ nothing_at_all }}]")]
    [InlineData("[{{ context.items[9] }}]")]
    [InlineData("[{{ contact.created_at.year }}]")]
    public void Missing_values_render_empty(string template) =>
        Assert.Equal("[]", _renderer.RenderText(template, Model()));

    [Fact]
    public void An_empty_model_renders_every_variable_empty()
    {
        Assert.Equal("Hi , ", _renderer.RenderText(
            "Hi {{ contact.first_name }}{{ reply.text }}, {{ context.x }}{{ flow.name }}{{ unsubscribe_url }}",
            TemplateModel.Empty));
    }

    [Fact]
    public void Custom_fields_given_apart_replace_the_contacts_own()
    {
        var model = new TemplateModel(TemplateFixtures.Ada(), CustomFields: new JsonObject { ["plan"] = "team" });
        Assert.Equal("team|", _renderer.RenderText("{{ contact.plan }}|{{ contact.seats }}", model));
    }

    [Theory]
    [InlineData("{{ contact.first_name | upcase }}", "ADA")]
    [InlineData("{{ contact.nickname | default: 'friend' }}", "friend")]
    [InlineData("{{ contact.seats | plus: 2 }} {{ context.total | times: 2 }}", "7 241")]
    [InlineData("{{ context.items | join: ', ' }} ({{ context.items | size }})", "tea, cake (2)")]
    [InlineData("{{ 'a,b,c' | split: ',' | last }}", "c")]
    [InlineData("{{ contact.first_name | append: '!' | prepend: '¡' }}", "¡Ada!")]
    [InlineData("{{ 'hello world' | replace: 'world', 'you' | capitalize }}", "Hello you")]
    [InlineData("{{ 10 | divided_by: 0 }}|", "|")]
    [InlineData("{% if contact.plan == 'pro' %}P{% else %}F{% endif %}", "P")]
    [InlineData("{% for i in context.items %}{{ forloop.index }}{{ i }}{% endfor %}", "1tea2cake")]
    [InlineData("{% assign n = contact.first_name | size %}{{ n }}", "3")]
    [InlineData("{% capture x %}<{{ contact.first_name }}>{% endcapture %}{{ x }}", "<Ada>")]
    [InlineData("{% raw %}{{ contact.first_name }}{% endraw %}", "{{ contact.first_name }}")]
    [InlineData("{% comment %}secret{% endcomment %}ok", "ok")]
    public void Standard_filters_and_tags_work(string template, string expected) =>
        Assert.Equal(expected, _renderer.RenderText(template, Model()));

    [Theory]
    [InlineData("{{ contact.created_at | date: '%Y-%m-%d %H:%M' }}", "2025-12-24 18:00")]
    [InlineData("{{ contact.trial_ends_at | date: '%b %-d, %Y' }}", "Dec 1, 2026")]
    [InlineData("{{ contact.trial_ends_at | date: '%A' }}", "Tuesday")]
    [InlineData("{{ 'now' | date: '%Y-%m-%d %H:%M' }}", "2026-11-22 09:30")]
    [InlineData("{{ 'today' | date: '%d/%m/%Y' }}", "22/11/2026")]
    [InlineData("{{ 0 | date: '%Y' }}", "1970")]
    [InlineData("{{ '2026-03-05T14:07:00+02:00' | date: '%H:%M %p' }}", "12:07 PM")]
    [InlineData("{{ 'not a date' | date: '%Y' }}", "not a date")]
    [InlineData("[{{ contact.nothing | date: '%Y' }}]", "[]")]
    [InlineData("{{ contact.created_at | date: '' }}", "2025-12-24T18:00:00Z")]
    public void Date_filters_use_ruby_formats_utc_and_the_renderers_clock(string template, string expected) =>
        Assert.Equal(expected, _renderer.RenderText(template, Model()));

    [Fact]
    public void Html_output_is_escaped_in_every_position()
    {
        var model = Model("<b>Ada</b> & \"co\" 'x'");
        const string escaped = "&lt;b&gt;Ada&lt;/b&gt; &amp; &quot;co&quot; &#39;x&#39;";
        Assert.Equal($"<p>{escaped}</p>", _renderer.RenderHtml("<p>{{ contact.first_name }}</p>", model));
        Assert.Equal(escaped, _renderer.RenderHtml("{% if true %}{{ contact.first_name }}{% endif %}", model));
        Assert.Equal(escaped, _renderer.RenderHtml("{% if false %}x{% elsif true %}{{ contact.first_name }}{% endif %}", model));
        Assert.Equal(escaped, _renderer.RenderHtml("{% if false %}x{% else %}{{ contact.first_name }}{% endif %}", model));
        Assert.Equal(escaped, _renderer.RenderHtml("{% unless false %}{{ contact.first_name }}{% endunless %}", model));
        Assert.Equal(escaped, _renderer.RenderHtml(
            "{% case 1 %}{% when 2 %}x{% when 1 %}{{ contact.first_name }}{% endcase %}", model));
        Assert.Equal(escaped, _renderer.RenderHtml(
            "{% case 1 %}{% when 2 %}x{% else %}{{ contact.first_name }}{% endcase %}", model));
        Assert.Equal(escaped, _renderer.RenderHtml("{% for i in (1..1) %}{{ contact.first_name }}{% endfor %}", model));
        Assert.Equal(escaped, _renderer.RenderHtml(
            "{% for i in context.none %}x{% else %}{{ contact.first_name }}{% endfor %}", model));
        Assert.Equal(escaped, _renderer.RenderHtml(
            "{% for i in (1..1) %}{% ifchanged %}{{ contact.first_name }}{% endifchanged %}{% endfor %}", model));
        Assert.Contains($"<td class=\"col1\">{escaped}</td>", _renderer.RenderHtml(
            "{% tablerow i in (1..1) %}{{ contact.first_name }}{% endtablerow %}", model), StringComparison.Ordinal);
        Assert.Equal($"{escaped}-", _renderer.RenderHtml(
            "{% assign n = contact.first_name %}{{ n }}-", model));
        Assert.Equal(escaped, _renderer.RenderHtml("{% cycle contact.first_name, 'b' %}", model));
        Assert.Equal("&lt;B&gt;ADA&lt;/B&gt; &amp; &quot;CO&quot; &#39;X&#39;",
            _renderer.RenderHtml("{{ contact.first_name | upcase }}", model));
    }

    [Fact]
    public void Nested_values_printed_whole_are_escaped()
    {
        var model = new TemplateModel(Context: new JsonObject
        {
            ["tags"] = new JsonArray("<a>", "&"),
            ["deep"] = new JsonObject { ["inner"] = new JsonObject { ["html"] = "<script>alert(1)</script>" } },
        });
        Assert.Equal("&lt;a&gt;&amp;", _renderer.RenderHtml("{{ context.tags }}", model));
        Assert.Equal("&lt;script&gt;alert(1)&lt;/script&gt;", _renderer.RenderHtml("{{ context.deep.inner.html }}", model));
        Assert.DoesNotContain("<script>", _renderer.RenderHtml("{{ context.deep }}", model), StringComparison.Ordinal);
        Assert.DoesNotContain("<a>", _renderer.RenderHtml("{{ context.tags | escape }}", model), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", _renderer.RenderHtml("{{ context.deep | escape_once }}", model),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Captured_text_is_escaped_once_and_explicit_escape_is_not_doubled()
    {
        var model = Model("Tom & Jerry");
        Assert.Equal("Hi Tom &amp; Jerry", _renderer.RenderHtml(
            "{% capture greeting %}Hi {{ contact.first_name }}{% endcapture %}{{ greeting }}", model));
        Assert.Equal("Tom &amp; Jerry", _renderer.RenderHtml("{{ contact.first_name | escape }}", model));
        Assert.Equal("Tom &amp; Jerry", _renderer.RenderHtml("{{ contact.first_name | escape_once }}", model));
    }

    [Fact]
    public void The_template_text_itself_is_never_escaped_and_text_output_never_is()
    {
        var model = Model("<i>Ada</i>");
        Assert.Equal("<a href=\"{{x}}\">&lt;i&gt;Ada&lt;/i&gt;</a>",
            _renderer.RenderHtml("<a href=\"{% raw %}{{x}}{% endraw %}\">{{ contact.first_name }}</a>", model));
        Assert.Equal("<i>Ada</i>", _renderer.RenderText("{{ contact.first_name }}", model));
    }

    [Fact]
    public void The_same_text_is_cached_apart_for_html_and_plain_text()
    {
        var model = Model("<b>");
        Assert.Equal("&lt;b&gt;", _renderer.RenderHtml("{{ contact.first_name }}", model));
        Assert.Equal("<b>", _renderer.RenderText("{{ contact.first_name }}", model));
        Assert.Equal("&lt;b&gt;", _renderer.RenderHtml("{{ contact.first_name }}", model));
    }

    [Fact]
    public void Parallel_renders_of_one_cached_template_do_not_mix_their_values()
    {
        const string template = "{% assign n = contact.first_name %}{% for i in (1..20) %}{{ n }}{% endfor %}";
        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = _renderer.RenderText(template, Model($"n{i}-")));
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(string.Concat(Enumerable.Repeat($"n{i}-", 20)), results[i]);
        }
    }

    [Fact]
    public void An_email_renders_each_part_with_a_one_line_subject_and_a_hidden_preheader()
    {
        var content = new EmailContent("Hello {{ contact.first_name }}\r\n{{ context.cart_id }}", "Your cart {{ context.cart_id }} & more",
            "<html><body class=\"x\"><p>{{ contact.first_name }}</p></body></html>", "Hi {{ contact.first_name }}");
        var email = _renderer.RenderEmail(content, Model("<Ada>"));
        Assert.Equal("Hello <Ada> 987", email.Subject);
        Assert.Equal("Your cart 987 & more", email.Preheader);
        Assert.StartsWith("<html><body class=\"x\"><div style=\"display:none;", email.Html, StringComparison.Ordinal);
        Assert.Contains(">Your cart 987 &amp; more</div><p>&lt;Ada&gt;</p>", email.Html, StringComparison.Ordinal);
        Assert.Equal("Hi <Ada>", email.Text);
    }

    [Fact]
    public void An_email_without_html_or_preheader_keeps_them_null()
    {
        var email = _renderer.RenderEmail(new EmailContent("S", null, null, "T"), TemplateModel.Empty);
        Assert.Equal(new RenderedEmail("S", null, null, "T"), email);
        var withoutBody = _renderer.RenderEmail(new EmailContent("S", "pre", "<p>x</p>", null), TemplateModel.Empty);
        Assert.StartsWith("<div style=\"display:none;", withoutBody.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Counters_do_not_leak_from_one_part_to_the_next()
    {
        var email = _renderer.RenderEmail(
            new EmailContent("{% increment n %}{% increment n %}", null, "{% increment n %}", "{% increment n %}"),
            TemplateModel.Empty);
        Assert.Equal("01", email.Subject);
        Assert.Equal("0", email.Html);
        Assert.Equal("0", email.Text);
    }

    [Fact]
    public void Rendering_an_unparseable_part_fails_with_its_path_and_location()
    {
        var error = Assert.Throws<RunnelException>(() => _renderer.RenderEmail(
            new EmailContent("ok", null, "<p>\n{% if x %}\n</p>", null), TemplateModel.Empty));
        Assert.Equal(ErrorCodes.TemplateRenderFailed, error.Code);
        Assert.Equal("html: Liquid syntax error at line 2, column 1: 'if' is never closed with 'endif'", error.Detail);
        Assert.Equal("html", error.Extensions!["path"]);
    }
}
