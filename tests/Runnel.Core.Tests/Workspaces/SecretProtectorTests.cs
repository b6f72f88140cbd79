using System.Security.Cryptography;
using Runnel.Core.Security;

namespace Runnel.Core.Tests.Workspaces;

public sealed class SecretProtectorTests
{
    [Fact]
    public void Round_trips_and_uses_a_fresh_nonce_each_time()
    {
        var protector = new SecretProtector(SecretProtector.DeriveKey("passphrase"));
        var plaintext = "hunter2"u8.ToArray();
        var a = protector.Protect(plaintext);
        var b = protector.Protect(plaintext);
        Assert.NotEqual(a, b);
        Assert.Equal(plaintext, protector.Unprotect(a));
        Assert.Equal(plaintext, protector.Unprotect(b));
    }

    [Fact]
    public void Tampering_or_a_wrong_key_is_detected()
    {
        var protector = new SecretProtector(SecretProtector.DeriveKey("one"));
        var data = protector.Protect("value"u8);
        data[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(data));
        var other = new SecretProtector(SecretProtector.DeriveKey("two"));
        Assert.ThrowsAny<CryptographicException>(() => other.Unprotect(protector.Protect("value"u8)));
    }

    [Fact]
    public void A_base64_key_of_32_bytes_is_used_as_is()
    {
        var raw = RandomNumberGenerator.GetBytes(32);
        Assert.Equal(raw, SecretProtector.DeriveKey(Convert.ToBase64String(raw)));
        Assert.Equal(32, SecretProtector.DeriveKey("short").Length);
    }
}
