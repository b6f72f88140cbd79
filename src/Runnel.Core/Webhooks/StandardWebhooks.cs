using System.Security.Cryptography;
using System.Text;

namespace Runnel.Core.Webhooks;

/// <summary>
/// Signatures of the Standard Webhooks spec (API.md §11): <c>v1,&lt;base64 HMAC-SHA256 of "id.timestamp.body"&gt;</c>,
/// one per signing secret, space-separated, so a receiver that knows either secret of a rotation accepts it.
/// </summary>
public static class StandardWebhooks
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    public static string Sign(IEnumerable<byte[]> secrets, string messageId, long timestamp, string body)
    {
        var content = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}");
        return string.Join(' ', secrets.Select(secret => "v1," + Convert.ToBase64String(HMACSHA256.HashData(secret,
            content))));
    }

    /// <summary>How far a signed request's timestamp may be from now: replays of older captures are refused.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether a received request is signed by one of <paramref name="secrets"/>: its timestamp within
    /// <see cref="Tolerance"/> of <paramref name="now"/>, and one of the <c>v1,</c> signatures in the header equal (in
    /// constant time) to the HMAC of <c>id.timestamp.body</c>. Null when it is, else the reason it is not.
    /// </summary>
    public static string? Verify(IEnumerable<byte[]> secrets, string? messageId, string? timestamp,
        string? signatureHeader, string body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(messageId) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatureHeader))
        {
            return $"{IdHeader}, {TimestampHeader} and {SignatureHeader} are required";
        }

        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > Tolerance.TotalSeconds)
        {
            return $"{TimestampHeader} is not within {Tolerance.TotalMinutes:0} minutes of now";
        }

        var content = Encoding.UTF8.GetBytes($"{messageId}.{seconds}.{body}");
        var presented = signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.StartsWith("v1,", StringComparison.Ordinal))
            .Select(p => Encoding.ASCII.GetBytes(p[3..]))
            .ToList();
        foreach (var secret in secrets)
        {
            var expected = Encoding.ASCII.GetBytes(Convert.ToBase64String(HMACSHA256.HashData(secret, content)));
            if (presented.Any(p => CryptographicOperations.FixedTimeEquals(p, expected)))
            {
                return null;
            }
        }

        return "no signature matches the workspace's signing secret";
    }
}
