using Dapper;
using Microsoft.Data.Sqlite;

namespace Runnel.Storage.Sqlite;

/// <summary>Applies the numbered SQL files under Migrations/ in order, each in its own transaction, once.</summary>
internal static class SqliteMigrator
{
    private const string ResourcePrefix = "Runnel.Storage.Sqlite.Migrations.";

    private static readonly IReadOnlyList<(int Version, string Name)> Migrations =
        MigrationScripts.Discover(typeof(SqliteMigrator).Assembly, ResourcePrefix);

    public static int LatestVersion => Migrations.Count == 0 ? 0 : Migrations[^1].Version;

    public static void Apply(SqliteConnection connection)
    {
        connection.Execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
        var applied = connection.Query<long>("SELECT version FROM schema_migrations").ToHashSet();
        foreach (var (version, name) in Migrations)
        {
            if (applied.Contains(version))
            {
                continue;
            }

            using var transaction = connection.BeginTransaction(deferred: false);
            connection.Execute(MigrationScripts.Read(typeof(SqliteMigrator).Assembly, ResourcePrefix, name),
                transaction: transaction);
            connection.Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                new { version, name, at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, transaction);
            transaction.Commit();
        }
    }
}
