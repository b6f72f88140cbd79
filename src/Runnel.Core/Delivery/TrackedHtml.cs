using System.Net;
using System.Text.RegularExpressions;

namespace Runnel.Core.Delivery;

/// <summary>
/// Rewrites a rendered HTML body for tracking: <c>href</c> attributes with http(s) URLs point at the click redirect,
/// and an open pixel goes before <c>&lt;/body&gt;</c>. Text-level regular expressions rather than an HTML parser: the
/// only targets are quoted href attributes, and anything that does not look like one is left exactly as it was.
/// </summary>
public static partial class TrackedHtml
{
    /// <summary>
    /// Replaces each http(s) href for which <paramref name="rewrite"/> returns a URL; null keeps the link (the
    /// unsubscribe link, say). The callback gets the URL with HTML entities decoded, as a browser would follow it.
    /// </summary>
    public static string RewriteLinks(string html, Func<string, string?> rewrite) =>
        HrefPattern().Replace(html, match =>
        {
            var url = WebUtility.HtmlDecode(match.Groups["url"].Value).Trim();
            if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed)
                || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
            {
                return match.Value;
            }

            var replacement = rewrite(url);
            if (replacement is null)
            {
                return match.Value;
            }

            var quote = match.Groups["quote"].Value;
            return $"{match.Groups["prefix"].Value}{quote}{WebUtility.HtmlEncode(replacement)}{quote}";
        });

    /// <summary>Puts <paramref name="fragment"/> before the last <c>&lt;/body&gt;</c>, or at the end without one.</summary>
    public static string AppendToBody(string html, string fragment)
    {
        var end = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return end < 0 ? html + fragment : html.Insert(end, fragment);
    }

    public static string OpenPixel(string url) =>
        $"<img src=\"{WebUtility.HtmlEncode(url)}\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none\">";

    /// <summary>The workspace's postal address as an HTML footer (escaped, line breaks kept).</summary>
    public static string AddressFooter(string address) =>
        "<p style=\"font-size:12px;color:#666\">"
        + WebUtility.HtmlEncode(address.Trim()).ReplaceLineEndings("<br>") + "</p>";

    // An href attribute (preceded by whitespace so data-href is not matched), quoted with " or '.
    [GeneratedRegex("""(?<prefix>\shref\s*=\s*)(?<quote>["'])(?<url>[^"'<>]*)\k<quote>""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HrefPattern();
}
