using Runnel.Core.Delivery;

namespace Runnel.Core.Tests.Delivery;

public sealed class TrackedHtmlTests
{
    private static string Track(string html) =>
        TrackedHtml.RewriteLinks(html, url => url.Contains("/u/", StringComparison.Ordinal) ? null : $"https://t.example/c?{url.Length}");

    [Fact]
    public void Http_and_https_hrefs_are_rewritten_with_entities_decoded()
    {
        var html = Track("""<a href="https://a.example/x?p=1&amp;q=2">A</a><a class=x HREF='http://b.example'>B</a>""");
        Assert.Equal("""<a href="https://t.example/c?27">A</a><a class=x HREF='https://t.example/c?16'>B</a>""", html);
    }

    [Theory]
    [InlineData("""<a href="mailto:x@example.com">m</a>""")]
    [InlineData("""<a href="/relative">r</a>""")]
    [InlineData("""<a href="javascript:alert(1)">j</a>""")]
    [InlineData("""<a data-href="https://a.example">d</a>""")]
    [InlineData("""<a href="https://runnel.example/u/token">unsubscribe</a>""")]
    [InlineData("""<a href=https://unquoted.example>u</a>""")]
    [InlineData("""<p>href="https://text.example" in prose</p>""")]
    public void Other_links_and_text_stay_as_they_are(string html) => Assert.Equal(html, Track(html));

    [Fact]
    public void The_pixel_goes_before_the_closing_body_tag_or_at_the_end()
    {
        Assert.Equal("<body>x<i></i></BODY>", TrackedHtml.AppendToBody("<body>x</BODY>", "<i></i>"));
        Assert.Equal("x<i></i>", TrackedHtml.AppendToBody("x", "<i></i>"));
    }

    [Fact]
    public void The_address_footer_is_escaped_and_keeps_line_breaks() =>
        Assert.Contains("A &amp; B<br>1 Main St", TrackedHtml.AddressFooter("A & B\n1 Main St\n"), StringComparison.Ordinal);

    [Fact]
    public void Message_ids_are_stable_per_idempotency_key_and_use_the_sender_domain()
    {
        var id = MessageIds.For("m:hello:1", "News@Shop.Example");
        Assert.Equal(id, MessageIds.For("m:hello:1", "other@shop.example"));
        Assert.NotEqual(id, MessageIds.For("m:hello:2", "news@shop.example"));
        Assert.Matches("^<[0-9a-f]{32}\\.runnel@shop\\.example>$", id);
        Assert.Equal(id[1..^1], MessageIds.Bare($" {id} "));
    }
}
