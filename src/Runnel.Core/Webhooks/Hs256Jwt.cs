using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Runnel.Core.Webhooks;

/// <summary>
/// A compact HS256 JSON Web Token (RFC 7519) for <c>auth_type: jwt</c> with <c>secret_ref</c>. Hand-rolled because
/// signing one fixed header with HMAC is a dozen lines, while a JWT library brings validation machinery we never use.
/// </summary>
public static class Hs256Jwt
{
    /// <summary>How long a token is valid: long enough for clock skew, short enough to be useless if it leaks.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private static readonly string Header = Encode("""{"alg":"HS256","typ":"JWT"}"""u8);

    public static string Create(string secret, JsonObject claims)
    {
        var unsigned = $"{Header}.{Encode(Encoding.UTF8.GetBytes(claims.ToJsonString()))}";
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(unsigned));
        return $"{unsigned}.{Encode(signature)}";
    }

    /// <summary>The claims of one webhook delivery: who sent it, for which member and step, and when it expires.</summary>
    public static JsonObject ClaimsFor(WebhookRequest request, DateTimeOffset now) => new()
    {
        ["iss"] = "runnel",
        ["sub"] = request.MemberId.ToString("D"),
        ["jti"] = request.MessageId,
        ["iat"] = now.ToUnixTimeSeconds(),
        ["exp"] = (now + Lifetime).ToUnixTimeSeconds(),
        ["flow_id"] = request.FlowId.ToString("D"),
        ["step_id"] = request.StepId,
    };

    public static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
