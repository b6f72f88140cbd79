using System.Net;
using Runnel.Core.Net;

namespace Runnel.Core.Tests.Net;

public sealed class PublicUrlTests
{
    [Theory]
    [InlineData("https://example.com/hook")]
    [InlineData("http://api.example.com:8080/x?y=1")]
    [InlineData("https://8.8.8.8/")]
    [InlineData("https://[2606:4700:4700::1111]/")]
    [InlineData("https://[::ffff:8.8.8.8]/")]
    [InlineData("https://[2002:0808:0808::1]/")]
    [InlineData("http://134744072/")]
    [InlineData("https://localhostique.com/")]
    public void Public_http_urls_pass(string url) => Assert.Null(PublicUrl.Problem(url));

    [Theory]
    [InlineData("ftp://example.com/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("example.com/hook")]
    [InlineData("")]
    [InlineData("http://localhost/")]
    [InlineData("http://LOCALHOST./")]
    [InlineData("http://app.localhost:3000/")]
    [InlineData("http://127.0.0.1/")]
    [InlineData("http://127.1/")]
    [InlineData("http://0/")]
    [InlineData("http://0.0.0.0/")]
    [InlineData("http://2130706433/")]
    [InlineData("http://0x7f000001/")]
    [InlineData("http://0x7f.0.0.1/")]
    [InlineData("http://017700000001/")]
    [InlineData("http://0177.0.0.01/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://172.16.5.4/")]
    [InlineData("http://172.31.255.255/")]
    [InlineData("http://192.168.1.1/")]
    [InlineData("http://169.254.169.254/")]
    [InlineData("http://100.64.0.1/")]
    [InlineData("http://100.127.255.254/")]
    [InlineData("http://224.0.0.1/")]
    [InlineData("http://255.255.255.255/")]
    [InlineData("http://192.0.2.1/")]
    [InlineData("http://[::]/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://[0:0:0:0:0:0:0:1]/")]
    [InlineData("http://[::ffff:127.0.0.1]/")]
    [InlineData("http://[::ffff:7f00:1]/")]
    [InlineData("http://[::ffff:10.0.0.1]/")]
    [InlineData("http://[fe80::1]/")]
    [InlineData("http://[fc00::1]/")]
    [InlineData("http://[fd12:3456::1]/")]
    [InlineData("http://[ff02::1]/")]
    [InlineData("http://[64:ff9b::7f00:1]/")]
    [InlineData("http://[2002:7f00:0001::1]/")]
    [InlineData("http://[2001:db8::1]/")]
    [InlineData("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/")]
    public void Non_public_urls_are_refused(string url) => Assert.NotNull(PublicUrl.Problem(url));

    /// <summary>
    /// Issue 12: the check read <c>Uri.Host</c>, which keeps full-width digits and ideographic full stops, while the
    /// HTTP stack dials <c>Uri.IdnHost</c>, their ASCII mapping — so these passed activation and were refused only at
    /// dial.
    /// </summary>
    [Theory]
    [InlineData("http://127\u30020\u30020\u30021/", "127.0.0.1")]
    [InlineData("http://127\uFF0E0\uFF0E0\uFF0E1/", "127.0.0.1")]
    [InlineData("http://127\uFF610\uFF610\uFF611/", "127.0.0.1")]
    [InlineData("http://\uFF11\uFF12\uFF17.\uFF10.\uFF10.\uFF11/", "127.0.0.1")]
    [InlineData("http://\uFF11\uFF10\u3002\uFF11/", "10.0.0.1")]
    [InlineData("http://169\u3002254\u3002169\u3002254/latest", "169.254.169.254")]
    [InlineData("http://LOCALHOST\uFF0E/", "localhost")]
    [InlineData("http://\uFF4C\uFF4F\uFF43\uFF41\uFF4C\uFF48\uFF4F\uFF53\uFF54:8080/", "localhost")]
    [InlineData("http://app\u3002localhost/", "app.localhost")]
    public void Fullwidth_private_host_is_refused_at_write(string url, string dialled)
    {
        var problem = PublicUrl.Problem(url);
        Assert.NotNull(problem);
        Assert.Contains(dialled, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_internationalized_public_name_still_passes() => Assert.Null(PublicUrl.Problem("https://b\u00FCcher.de/"));

    [Theory]
    [InlineData("172.15.0.1", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("100.63.255.255", true)]
    [InlineData("100.128.0.0", true)]
    [InlineData("11.0.0.1", true)]
    [InlineData("198.18.0.1", false)]
    [InlineData("203.0.113.9", false)]
    [InlineData("2a00:1450:4009::200e", true)]
    public void Address_ranges(string address, bool isPublic) =>
        Assert.Equal(isPublic, PublicUrl.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("127.1", "127.0.0.1")]
    [InlineData("10.1.258", "10.1.1.2")]
    [InlineData("0x7F.1", "127.0.0.1")]
    [InlineData("2130706433", "127.0.0.1")]
    [InlineData("037777777777", "255.255.255.255")]
    public void IPv4_literals_read_like_inet_aton(string text, string expected)
    {
        Assert.True(PublicUrl.TryParseIPv4(text, out var address));
        Assert.Equal(expected, address!.ToString());
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.1.1.1")]
    [InlineData("4294967296")]
    [InlineData("08.1.1.1")]
    [InlineData("0x")]
    [InlineData("1..1")]
    public void Names_and_out_of_range_forms_are_not_IPv4(string text) => Assert.False(PublicUrl.TryParseIPv4(text, out _));

    [Fact]
    public void Operators_allow_private_targets_by_host_and_port()
    {
        var allow = WebhookAllowList.Parse(" Billing.Internal:8080 , [::1]:9000,127.0.0.1:7000").Hosts;
        Assert.Null(PublicUrl.Problem("http://billing.internal:8080/x", allow));
        Assert.Null(PublicUrl.Problem("http://[::1]:9000/x", allow));
        Assert.Null(PublicUrl.Problem("http://127.0.0.1:7000/x", allow));
        Assert.NotNull(PublicUrl.Problem("http://127.0.0.1:7001/x", allow));
        Assert.NotNull(PublicUrl.Problem("http://127.0.0.1/x", allow));
    }
}
