using System.Reflection;

namespace Runnel.Storage;

/// <summary>
/// The numbered SQL files a backend embeds under Migrations/ (<c>0001_name.sql</c> …), in version order. Each backend
/// has one file per version with the same number, so a version means the same schema on every database.
/// </summary>
public static class MigrationScripts
{
    public static IReadOnlyList<(int Version, string Name)> Discover(Assembly assembly, string resourcePrefix) =>
        assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal)
                && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[resourcePrefix.Length..])
            .Select(n => (Version: int.Parse(n[..n.IndexOf('_', StringComparison.Ordinal)],
                System.Globalization.CultureInfo.InvariantCulture), Name: n))
            .OrderBy(m => m.Version)
            .ToArray();

    public static string Read(Assembly assembly, string resourcePrefix, string name)
    {
        using var stream = assembly.GetManifestResourceStream(resourcePrefix + name)
            ?? throw new InvalidOperationException($"Migration {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
