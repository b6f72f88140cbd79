using Dapper;
using Npgsql;

namespace Runnel.Storage.Postgres;

/// <summary>
/// Applies the numbered SQL files under Migrations/ in order, each in its own transaction, once. Nodes starting
/// together take turns through a session advisory lock: the second finds the first's versions recorded and skips them.
/// </summary>
internal static class PostgresMigrator
{
    private const string ResourcePrefix = "Runnel.Storage.Postgres.Migrations.";

    // Any fixed 64-bit key works as long as every node uses the same one; this one spells "rnl-migr" in ASCII so it is
    // recognisable in pg_locks and distinct from the trigger-event lock.
    private const long LockKey = 0x726E6C2D6D696772;

    private static readonly IReadOnlyList<(int Version, string Name)> Migrations =
        MigrationScripts.Discover(typeof(PostgresMigrator).Assembly, ResourcePrefix);

    public static int LatestVersion => Migrations.Count == 0 ? 0 : Migrations[^1].Version;

    public static void Apply(NpgsqlConnection connection)
    {
        connection.Execute("SELECT pg_advisory_lock(@LockKey)", new { LockKey });
        try
        {
            connection.Execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)");
            var applied = connection.Query<long>("SELECT version FROM schema_migrations").ToHashSet();
            foreach (var (version, name) in Migrations)
            {
                if (applied.Contains(version))
                {
                    continue;
                }

                using var transaction = connection.BeginTransaction();
                connection.Execute(MigrationScripts.Read(typeof(PostgresMigrator).Assembly, ResourcePrefix, name),
                    transaction: transaction);
                // The database's clock, not the node's: which node applied a version is of no interest.
                connection.Execute(
                    """
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (@version, @name, (extract(epoch FROM clock_timestamp()) * 1000)::bigint)
                    """, new { version, name }, transaction);
                transaction.Commit();
            }
        }
        finally
        {
            connection.Execute("SELECT pg_advisory_unlock(@LockKey)", new { LockKey });
        }
    }
}
