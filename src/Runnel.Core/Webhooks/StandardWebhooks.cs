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
}
