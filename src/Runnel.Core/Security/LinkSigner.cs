using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Runnel.Core.Security;

/// <summary>
/// Signs the tokens in links that recipients click (unsubscribe, tracking): <c>payload.mac</c>, both base64url, the
/// MAC an HMAC-SHA256 over the payload with a key derived from the server's secret key. A forged or altered token
/// fails verification and its route answers 404.
/// </summary>
public sealed class LinkSigner
{
    // Truncated to 128 bits: plenty against forgery, and it keeps links short.
    private const int MacBytes = 16;

    private readonly byte[] _key;

    public LinkSigner(byte[] secretKey)
    {
        // A key of its own, so link tokens and encrypted secrets never share key material.
        _key = HMACSHA256.HashData(secretKey, "runnel/link-tokens/v1"u8);
    }

    public string Sign(string payload)
    {
        var data = Encoding.UTF8.GetBytes(payload);
        var mac = HMACSHA256.HashData(_key, data).AsSpan(0, MacBytes);
        return $"{Base64Url.EncodeToString(data)}.{Base64Url.EncodeToString(mac)}";
    }

    /// <summary>The payload of a token this server signed; null for anything else.</summary>
    public string? Verify(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096)
        {
            return null;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }

        try
        {
            var data = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            var mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
            var expected = HMACSHA256.HashData(_key, data).AsSpan(0, MacBytes);
            return mac.Length == MacBytes && CryptographicOperations.FixedTimeEquals(mac, expected)
                ? Encoding.UTF8.GetString(data)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
