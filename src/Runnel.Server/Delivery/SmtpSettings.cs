using System.Net;

namespace Runnel.Server.Delivery;

/// <summary>
/// RUNNEL_SMTP_URL taken apart: <c>smtp://user:pass@host:port</c> (STARTTLS when the server offers it, port 25 by
/// default) or <c>smtps://…</c> (TLS from the first byte, port 465 by default); credentials are URL-encoded and
/// optional.
/// </summary>
public sealed record SmtpSettings(string Host, int Port, bool ImplicitTls, string? UserName, string? Password)
{
    public static SmtpSettings Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("smtp" or "smtps")
            || string.IsNullOrEmpty(uri.Host))
        {
            throw new InvalidOperationException(
                "RUNNEL_SMTP_URL must look like smtp://user:pass@host:587 or smtps://user:pass@host:465.");
        }

        var implicitTls = uri.Scheme == "smtps";
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (implicitTls ? 465 : 25) : uri.Port;
        string? user = null;
        string? password = null;
        if (uri.UserInfo is { Length: > 0 } info)
        {
            var colon = info.IndexOf(':', StringComparison.Ordinal);
            user = WebUtility.UrlDecode(colon < 0 ? info : info[..colon]);
            password = colon < 0 ? "" : WebUtility.UrlDecode(info[(colon + 1)..]);
        }

        return new SmtpSettings(uri.IdnHost.Trim('[', ']'), port, implicitTls, user, password);
    }
}
