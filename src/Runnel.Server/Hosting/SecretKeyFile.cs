using System.Security.Cryptography;
using Runnel.Core.Security;

namespace Runnel.Server.Hosting;

/// <summary>
/// The key that encrypts secrets at rest: RUNNEL_SECRET_KEY, or on SQLite a random key generated once into the data
/// folder (readable by the owner only). Back that file up with the database: without it, stored secrets cannot be
/// read. On PostgreSQL the key must be configured: every node must use the same one, and a file in one node's folder
/// is not shared.
/// </summary>
public static class SecretKeyFile
{
    public const string FileName = "runnel.secret.key";

    public static byte[] Load(RunnelOptions options)
    {
        if (options.SecretKey is { } configured)
        {
            return SecretProtector.DeriveKey(configured);
        }

        var path = Path.Combine(options.DataDirectory, FileName);
        if (File.Exists(path))
        {
            return SecretProtector.DeriveKey(File.ReadAllText(path).Trim());
        }

        Directory.CreateDirectory(options.DataDirectory);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(key);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return SecretProtector.DeriveKey(key);
    }
}
