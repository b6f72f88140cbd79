using System.Security.Cryptography;

namespace Runnel.Core.Security;

/// <summary>
/// Encrypts workspace secrets at rest with AES-256-GCM. Layout: 12-byte nonce, 16-byte tag, ciphertext. The key comes
/// from RUNNEL_SECRET_KEY or a generated key file; losing it makes stored secrets unreadable, by design.
/// </summary>
public sealed class SecretProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public SecretProtector(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("The secret key must be 32 bytes.", nameof(key));
        }

        _key = key;
    }

    /// <summary>Any passphrase becomes a 32-byte key; a base64 value of exactly 32 bytes is used as is.</summary>
    public static byte[] DeriveKey(string configured)
    {
        try
        {
            var raw = Convert.FromBase64String(configured);
            if (raw.Length == 32)
            {
                return raw;
            }
        }
        catch (FormatException)
        {
            // Not base64: treated as a passphrase below.
        }

        return SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(configured));
    }

    public byte[] Protect(ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return output;
    }

    public byte[] Unprotect(ReadOnlySpan<byte> protectedData)
    {
        if (protectedData.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("Protected data is too short.");
        }

        var plaintext = new byte[protectedData.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(protectedData[..NonceSize], protectedData[(NonceSize + TagSize)..],
            protectedData.Slice(NonceSize, TagSize), plaintext);
        return plaintext;
    }
}
