using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Runnel.Core.Net;
using Runnel.Core.Webhooks;
using Runnel.Server.Engine.Webhooks;

namespace Runnel.Server.Tests.Webhooks;

/// <summary>
/// The SSRF corpus (API.md §14): every URL is refused by the connect-time guard before anything is dialled. Names
/// resolve through a fake resolver and the dialler only records, so nothing outside this process is ever contacted.
/// </summary>
public sealed class SsrfCorpusTests
{
    private static readonly Dictionary<string, IPAddress[]> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["internal.example"] = [IPAddress.Parse("10.0.0.5")],
        ["metadata.example"] = [IPAddress.Parse("169.254.169.254")],
        ["rebind.example"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("127.0.0.1")],
        ["v6loop.example"] = [IPAddress.IPv6Loopback],
        ["mapped.example"] = [IPAddress.Parse("::ffff:192.168.1.1")],
        ["cgnat.example"] = [IPAddress.Parse("100.64.1.1")],
        ["nat64.example"] = [IPAddress.Parse("64:ff9b::a00:1")],
        ["sixtofour.example"] = [IPAddress.Parse("2002:a00:1::1")],
        ["ula.example"] = [IPAddress.Parse("fd00::1")],
        ["linklocal6.example"] = [IPAddress.Parse("fe80::1")],
        ["secure-internal.example"] = [IPAddress.Parse("172.20.0.1")],
        ["zero.example"] = [IPAddress.Parse("0.0.0.0")],
        ["multicast.example"] = [IPAddress.Parse("239.1.2.3")],
        ["nothing.example"] = [],
        ["hooks.internal"] = [IPAddress.Parse("10.1.1.1")],
        ["public.example"] = [IPAddress.Parse("93.184.216.34")],
    };

    public static TheoryData<string> Corpus => new(
        // Private, loopback, link-local, CGNAT, this-network, multicast, broadcast and reserved IPv4 ranges.
        "http://127.0.0.1/", "http://127.255.255.254:8080/hook", "http://10.0.0.1/", "http://10.255.255.255/",
        "http://172.16.0.1/", "http://172.31.255.254/", "http://192.168.0.1/", "http://192.168.255.255/",
        "http://169.254.169.254/latest/meta-data/", "http://169.254.0.1/", "http://100.64.0.1/",
        "http://100.127.255.254/", "http://0.0.0.0/", "http://0.1.2.3/", "http://224.0.0.1/",
        "http://239.255.255.250/", "http://255.255.255.255/", "http://240.0.0.1/", "http://198.18.0.1/",
        "http://198.19.255.254/", "http://192.0.0.1/", "http://192.0.2.1/", "http://198.51.100.7/",
        "http://203.0.113.9/", "http://192.88.99.1/", "https://10.0.0.1:8443/",
        // The same places in decimal, hex, octal and short forms.
        "http://2130706433/", "http://0x7f000001/", "http://017700000001/", "http://0177.0.0.1/",
        "http://0x7f.0.0.1/", "http://127.1/", "http://127.0.1/", "http://0/", "http://0x0/", "http://3232235521/",
        "http://0xa9fea9fe/", "http://0251.0376.0251.0376/", "http://10.1/", "http://0xc0.0xa8.0.1/",
        "http://0xA9.254.169.254/",
        // IPv6: loopback, unspecified, ULA, link-local, site-local, multicast, documentation, and IPv4 inside IPv6.
        "http://[::1]/", "http://[::]/", "http://[0:0:0:0:0:0:0:1]:8080/", "http://[fc00::1]/",
        "http://[fd12:3456::1]/", "http://[fe80::1]/", "http://[fec0::1]/", "http://[ff02::1]/",
        "http://[2001:db8::1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/",
        "http://[::ffff:169.254.169.254]/", "http://[::ffff:10.0.0.1]/", "http://[64:ff9b::7f00:1]/",
        "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:7f00:1::]/", "http://[2002:c0a8:101::1]/",
        "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "http://[::127.0.0.1]/",
        // Names that are local by definition, or that resolve to any blocked address.
        "http://localhost/", "http://LOCALHOST:8080/", "http://api.localhost/", "http://localhost./",
        "http://internal.example/", "http://metadata.example/latest/meta-data/", "http://rebind.example/",
        "http://v6loop.example/", "http://mapped.example/", "http://cgnat.example/", "http://nat64.example/",
        "http://sixtofour.example/", "http://ula.example/", "http://linklocal6.example/",
        "https://secure-internal.example/", "http://zero.example/", "http://multicast.example/",
        "http://nothing.example/", "http://INTERNAL.example./",
        // Allowed by name on another port only.
        "http://hooks.internal:9999/");

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task The_target_is_blocked_before_anything_is_dialled(string url)
    {
        var (sender, dialled) = Sender();
        var attempt = await SendAsync(sender, url);
        Assert.True(attempt.Blocked, $"{url} was not blocked: {attempt.Error ?? attempt.StatusCode?.ToString()}");
        Assert.Empty(dialled);
    }

    [Fact]
    public void The_corpus_holds_at_least_sixty_urls() => Assert.True(Corpus.Count >= 60, $"{Corpus.Count} URLs");

    [Fact]
    public async Task A_public_name_is_dialled_at_its_vetted_address_only()
    {
        var (sender, dialled) = Sender();
        var attempt = await SendAsync(sender, "https://public.example/hook");
        Assert.False(attempt.Blocked);
        Assert.Equal([new IPEndPoint(IPAddress.Parse("93.184.216.34"), 443)], dialled);
    }

    [Fact]
    public async Task An_allowed_host_and_port_may_resolve_to_a_private_address()
    {
        var (sender, dialled) = Sender("hooks.internal:8080");
        var attempt = await SendAsync(sender, "http://hooks.internal:8080/in");
        Assert.False(attempt.Blocked);
        Assert.Equal([new IPEndPoint(IPAddress.Parse("10.1.1.1"), 8080)], dialled);
    }

    private static (WebhookSender Sender, ConcurrentQueue<IPEndPoint> Dialled) Sender(string? allowHosts = null)
    {
        var dialled = new ConcurrentQueue<IPEndPoint>();
        var guard = new SsrfGuard(new MapResolver(), WebhookAllowList.Parse(allowHosts));
        var connector = new GuardedConnector(guard, (endpoint, _) =>
        {
            dialled.Enqueue(endpoint);
            // Recording is enough: the test must not reach anything.
            throw new SocketException((int)SocketError.ConnectionRefused);
        });
        return (new WebhookSender(connector, TimeProvider.System, NullLogger<WebhookSender>.Instance), dialled);
    }

    private static async Task<WebhookAttempt> SendAsync(WebhookSender sender, string url)
    {
        using var _ = sender;
        var request = new WebhookRequest(Guid.CreateVersion7(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "hook",
            1, "k", url, "post", null, null, false, "{}");
        var delivery = new WebhookDelivery(request, WebhookDeliveryStatus.Pending, 0, null, null, null,
            DateTimeOffset.UnixEpoch, null);
        return await sender.SendAsync(delivery, [new byte[32]], null, CancellationToken.None);
    }

    private sealed class MapResolver : IHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            Names.TryGetValue(host, out var addresses)
                ? Task.FromResult(addresses)
                : throw new SocketException((int)SocketError.HostNotFound);
    }
}
