using Npgsql;

namespace Runnel.Testing;

/// <summary>
/// The throwaway PostgreSQL server of a test run (scripts/test.sh starts one and exports its admin connection string
/// as RUNNEL_TEST_PG). Every store or server under test gets a database of its own, dropped afterwards.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "RUNNEL_TEST_PG";

    /// <summary>The admin connection string; PostgreSQL tests fail, never skip, when it is missing.</summary>
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: the PostgreSQL tests need a server's admin connection string "
                + "(scripts/test.sh starts one and sets it).");

    /// <summary>Creates an empty database and answers a connection string for it.</summary>
    public static string CreateDatabase()
    {
        var name = "runnel_t_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(Admin()))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// <paramref name="connectionString"/> without pooling, for a test's own connections beside a store: a pooled one
    /// would linger after the test and hold its database open.
    /// </summary>
    public static string Unpooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    /// <summary>Drops the database of <paramref name="connectionString"/>, disconnecting whoever still uses it.</summary>
    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using var connection = new NpgsqlConnection(Admin());
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }

    private static string Admin() => Unpooled(AdminConnectionString);
}
