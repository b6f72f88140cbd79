using System.Security.Cryptography;
using System.Text;

namespace Runnel.Core.Delivery;

/// <summary>
/// Twilio's request signature (<c>X-Twilio-Signature</c>): base64 HMAC-SHA1, keyed by the auth token, of the full URL
/// Twilio called followed by every POST parameter's name and value, sorted by name. The URL must be the public one
/// (<c>RUNNEL_PUBLIC_URL</c> plus the path), never one rebuilt from the Host header, which a proxy rewrites.
/// </summary>
public static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
                     .ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

#pragma warning disable CA5350 // Twilio defines the signature as HMAC-SHA1; verifying it needs that algorithm.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken),
            Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    /// <summary>Whether <paramref name="presented"/> is the signature of this request, compared in constant time.</summary>
    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters,
        string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(authToken, url, parameters));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(presented));
    }
}
