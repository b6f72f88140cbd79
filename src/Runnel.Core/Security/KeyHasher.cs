using System.Security.Cryptography;
using System.Text;

namespace Runnel.Core.Security;

/// <summary>
/// SHA-256 for API keys and suppressed addresses. Keys carry 256 bits of randomness, so a fast unsalted hash is
/// enough and lets authentication be a single indexed lookup.
/// </summary>
public static class KeyHasher
{
    public static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    public static string RandomToken(int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        RandomNumberGenerator.Fill(buffer);
        return System.Buffers.Text.Base64Url.EncodeToString(buffer);
    }
}
