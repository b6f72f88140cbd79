using System.Text;
using Dapper;

namespace Runnel.Server.Tests.Infrastructure;

/// <summary>
/// Looks for secrets in the server's stored data as an attacker with a copy of it would: the SQLite file and its WAL
/// byte by byte, or every row of every PostgreSQL table as text (bytea as hex). Each secret is looked for as UTF-8
/// text and as lower-case hex of that text.
/// </summary>
public static class PlaintextScan
{
    /// <summary>The secrets of <paramref name="secrets"/> found anywhere, each with where it was found.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(string dataDirectory, IEnumerable<string> secrets)
    {
        var needles = secrets.Distinct().ToArray();
        var found = new List<string>();
        if (TestBackend.IsPostgres)
        {
            await using var connection = TestBackend.Connect(dataDirectory);
            await connection.OpenAsync();
            var tables = await connection.QueryAsync<string>(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
            foreach (var table in tables)
            {
                var rows = await connection.QueryAsync<string>($"SELECT t::text FROM \"{table}\" t");
                foreach (var row in rows)
                {
                    found.AddRange(needles.Where(n => row.Contains(n, StringComparison.Ordinal)
                            || row.Contains(Hex(n), StringComparison.Ordinal))
                        .Select(n => $"{n} in table {table}"));
                }
            }

            return found;
        }

        foreach (var file in new[] { "runnel.db", "runnel.db-wal", "runnel.db-journal" })
        {
            var path = Path.Combine(dataDirectory, file);
            if (!File.Exists(path))
            {
                continue;
            }

            byte[] bytes;
            await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new MemoryStream())
            {
                await stream.CopyToAsync(copy);
                bytes = copy.ToArray();
            }

            found.AddRange(needles.Where(n => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(n)) >= 0
                    || bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Hex(n))) >= 0)
                .Select(n => $"{n} in {file}"));
        }

        return found;
    }

    private static string Hex(string text) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text));
}
