namespace Runnel.Server.Delivery.Sms;

/// <summary>
/// <c>RUNNEL_SMS_URL</c> read (API.md §12): <c>twilio://{AccountSid}:{AuthToken}@{host[:port]}</c> speaks Twilio's REST
/// API over HTTPS (<c>twilio+http://</c> over plain HTTP, for a local test server); an <c>https://</c> or
/// <c>http://</c> URL is a generic provider that takes signed JSON.
/// </summary>
public sealed record SmsSettings(SmsProviderKind Kind, Uri BaseUri, string? AccountSid, string? AuthToken)
{
    public static SmsSettings Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException("RUNNEL_SMS_URL must be twilio://Sid:Token@host or an http(s) URL.");
        }

        switch (uri.Scheme)
        {
            case "twilio" or "twilio+http":
                var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0 || colon == uri.UserInfo.Length - 1 || string.IsNullOrEmpty(uri.Host))
                {
                    throw new InvalidOperationException(
                        "RUNNEL_SMS_URL for Twilio is twilio://{AccountSid}:{AuthToken}@{host[:port]}.");
                }

                var scheme = uri.Scheme == "twilio" ? "https" : "http";
                var port = uri.IsDefaultPort || uri.Port < 0 ? "" : $":{uri.Port}";
                return new SmsSettings(SmsProviderKind.Twilio, new Uri($"{scheme}://{uri.Host}{port}/"),
                    Uri.UnescapeDataString(uri.UserInfo[..colon]), Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]));
            case "http" or "https":
                return new SmsSettings(SmsProviderKind.Generic, uri, null, null);
            default:
                throw new InvalidOperationException(
                    $"RUNNEL_SMS_URL has scheme '{uri.Scheme}': use twilio://, twilio+http://, https:// or http://.");
        }
    }
}
