using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Runnel.Core.Net;

/// <summary>
/// Resolve-free checks that a URL names a public http(s) endpoint: the scheme, <c>localhost</c> names and literal
/// addresses in every spelling a resolver accepts (IPv6 incl. IPv4-mapped, and IPv4 in decimal, octal and hex parts).
/// A DNS name passes here; the sender checks the address it actually dials (API.md §14).
/// </summary>
public static class PublicUrl
{
    public const int MaxLength = 2048;

    /// <summary>True for an absolute http or https URL with a host.</summary>
    public static bool IsHttpUrl(string? url, out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            || parsed.Scheme is not ("http" or "https") || string.IsNullOrEmpty(parsed.Host))
        {
            return false;
        }

        uri = parsed;
        return true;
    }

    /// <summary>
    /// Null when <paramref name="url"/> is a public http(s) URL; otherwise why not. <paramref name="allowedHosts"/>
    /// holds operator-allowed private targets as lower-case <c>host:port</c> (<c>[::1]:8080</c> for IPv6).
    /// </summary>
    public static string? Problem(string? url, IReadOnlySet<string>? allowedHosts = null)
    {
        if (!IsHttpUrl(url, out var uri))
        {
            return "must be an absolute http or https URL";
        }

        var dialled = NormalizeHost(uri!.IdnHost);
        if (allowedHosts is not null && allowedHosts.Contains(HostKey(dialled, uri.Port)))
        {
            return null;
        }

        foreach (var host in Spellings(uri, dialled))
        {
            if (IsLocalName(host))
            {
                return $"names {host}, which is not a public host";
            }

            if (ParseLiteral(host) is { } address && !IsPublic(address))
            {
                return $"names {address}, which is not a public address";
            }
        }

        return null;
    }

    /// <summary>
    /// The spellings of a URL's host a resolver may be handed: the IDNA-mapped host the HTTP stack dials
    /// (<see cref="Uri.IdnHost"/>: ideographic full stops become dots), and the written host with full-width forms
    /// folded to ASCII as UTS #46 maps them. The fold is ours because with invariant globalization .NET punycodes
    /// full-width letters and digits instead of mapping them ("１２７.０.０.１" would otherwise pass as a name).
    /// </summary>
    private static IEnumerable<string> Spellings(Uri uri, string dialled)
    {
        yield return dialled;
        var folded = NormalizeHost(FoldWidth(uri.Host));
        if (folded != dialled)
        {
            yield return folded;
        }
    }

    private static string FoldWidth(string host) => string.Create(host.Length, host, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c switch
            {
                '\u3002' or '\uFF61' => '.', // ideographic and halfwidth ideographic full stops
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0), // full-width ASCII, incl. U+FF0E full stop
                _ => c,
            };
        }
    });

    /// <summary>A host as written in a URL or dialled, lower case, without brackets or a trailing dot.</summary>
    public static string NormalizeHost(string host) =>
        host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();

    /// <summary>The allow-list spelling of a target: <c>host:port</c>, or <c>[v6]:port</c> for an IPv6 literal.</summary>
    public static string HostKey(string host, int port)
    {
        var normalized = NormalizeHost(host);
        return normalized.Contains(':', StringComparison.Ordinal) ? $"[{normalized}]:{port}" : $"{normalized}:{port}";
    }

    /// <summary><c>localhost</c> and its subdomains, which resolvers answer locally whatever DNS says.</summary>
    public static bool IsLocalName(string normalizedHost) =>
        normalizedHost == "localhost" || normalizedHost.EndsWith(".localhost", StringComparison.Ordinal);

    /// <summary>The address a host spells literally (IPv6, or IPv4 in any inet_aton form), else null for a name.</summary>
    public static IPAddress? ParseLiteral(string normalizedHost) =>
        (normalizedHost.Contains(':', StringComparison.Ordinal) && IPAddress.TryParse(normalizedHost, out var v6))
            ? v6
            : TryParseIPv4(normalizedHost, out var v4) ? v4 : null;

    /// <summary>
    /// Reads an IPv4 literal the way inet_aton does: 1 to 4 dot-separated parts, each decimal, octal (leading 0) or
    /// hex (0x); the last part fills the remaining bytes ("127.1", "2130706433", "0x7f.0.0.1" are all 127.0.0.1).
    /// </summary>
    public static bool TryParseIPv4(string host, out IPAddress? address)
    {
        address = null;
        var parts = host.Split('.');
        if (parts.Length is 0 or > 4)
        {
            return false;
        }

        var values = new ulong[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryParsePart(parts[i], out values[i]))
            {
                return false;
            }
        }

        ulong result = 0;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (values[i] > 255)
            {
                return false;
            }

            result |= values[i] << (8 * (3 - i));
        }

        var lastBits = 8 * (4 - (parts.Length - 1));
        var last = values[^1];
        if (last >= 1UL << lastBits)
        {
            return false;
        }

        result |= last;
        address = new IPAddress([(byte)(result >> 24), (byte)(result >> 16), (byte)(result >> 8), (byte)result]);
        return true;
    }

    /// <summary>
    /// False for loopback, private, link-local, CGNAT, unspecified, multicast, documentation and other reserved
    /// ranges; IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4) are judged by that address.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var b = address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetwork ? IsPublicIPv4(b) : IsPublicIPv6(b);
    }

    private static bool TryParsePart(string part, out ulong value)
    {
        value = 0;
        if (part.Length is 0 or > 12)
        {
            return false;
        }

        if (part.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return part.Length > 2 && ulong.TryParse(part[2..], NumberStyles.AllowHexSpecifier,
                CultureInfo.InvariantCulture, out value);
        }

        if (part.Length > 1 && part[0] == '0')
        {
            foreach (var c in part)
            {
                if (c is < '0' or > '7')
                {
                    return false;
                }

                value = (value * 8) + (ulong)(c - '0');
            }

            return true;
        }

        return part.All(char.IsAsciiDigit)
               && ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsPublicIPv4(byte[] b) => !(
        b[0] is 0 or 10 or 127 or >= 224 // this network, private, loopback, multicast and reserved
        || (b[0] == 100 && b[1] is >= 64 and <= 127) // CGNAT 100.64/10
        || (b[0] == 169 && b[1] == 254) // link-local
        || (b[0] == 172 && b[1] is >= 16 and <= 31)
        || (b[0] == 192 && b[1] == 168)
        || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2) // IETF protocol assignments, TEST-NET-1
        || (b[0] == 192 && b[1] == 88 && b[2] == 99) // 6to4 relay anycast
        || (b[0] == 198 && b[1] is 18 or 19) // benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100) // TEST-NET-2
        || (b[0] == 203 && b[1] == 0 && b[2] == 113)); // TEST-NET-3

    private static bool IsPublicIPv6(byte[] b)
    {
        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) reach the IPv4 address they embed.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b
            && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublicIPv4(b[12..16]);
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublicIPv4(b[2..6]);
        }

        // Only global unicast (2000::/3) is public: that leaves out ::, ::1, fc00::/7, fe80::/10, ff00::/8 and the
        // other reserved blocks. Inside it, 2001::/23 (IETF protocols, incl. Teredo) and 2001:db8::/32 (documentation).
        return (b[0] & 0xE0) == 0x20
               && !(b[0] == 0x20 && b[1] == 0x01 && (b[2] & 0xFE) == 0)
               && !(b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8);
    }
}
