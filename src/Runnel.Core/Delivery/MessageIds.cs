using System.Security.Cryptography;
using System.Text;

namespace Runnel.Core.Delivery;

/// <summary>
/// The Message-ID of an outgoing email, derived from its idempotency key (member, step, visit): a resend after a
/// crash carries the same ID, so the receiving side and provider events recognise it as the same message.
/// </summary>
public static class MessageIds
{
    /// <summary>Used when the sender address has no usable domain (it always has one once an email is approved).</summary>
    public const string FallbackDomain = "runnel.invalid";

    /// <summary>The header value, angle brackets included: <c>&lt;hash@domain&gt;</c>.</summary>
    public static string For(string idempotencyKey, string? fromEmail)
    {
        // 128 bits of SHA-256 keep the ID short while collisions stay out of reach.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)).AsSpan(0, 16));
        var at = fromEmail?.LastIndexOf('@') ?? -1;
        var domain = at > 0 && at < fromEmail!.Length - 1 ? fromEmail[(at + 1)..].ToLowerInvariant() : FallbackDomain;
        return $"<{hash}.runnel@{domain}>";
    }

    /// <summary>The ID without angle brackets or surrounding space, as providers and MIME libraries report it.</summary>
    public static string Bare(string messageId) => messageId.Trim().TrimStart('<').TrimEnd('>').Trim();
}
