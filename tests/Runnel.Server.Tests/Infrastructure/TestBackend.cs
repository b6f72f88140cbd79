using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Runnel.Testing;

namespace Runnel.Server.Tests.Infrastructure;

/// <summary>
/// Which database the servers under test use: RUNNEL_TEST_BACKEND=sqlite (the default) gives each server the file
/// runnel.db in its data folder; RUNNEL_TEST_BACKEND=postgres gives each data folder a fresh PostgreSQL database on
/// the server named by RUNNEL_TEST_PG, so a server restarted on the same folder finds its data again.
/// </summary>
public static class TestBackend
{
    public const string Variable = "RUNNEL_TEST_BACKEND";

    /// <summary>RUNNEL_SECRET_KEY of servers on PostgreSQL, where the server requires one (nodes must share it).</summary>
    public const string SecretKey = "runnel-test-secret-key-shared-by-nodes";

    private static readonly ConcurrentDictionary<string, Lazy<string>> Databases = new();

    public static bool IsPostgres => Environment.GetEnvironmentVariable(Variable) switch
    {
        null or "" or "sqlite" => false,
        "postgres" => true,
        var other => throw new InvalidOperationException($"{Variable}={other}: expected sqlite or postgres."),
    };

    /// <summary>The RUNNEL_DATABASE for a server on <paramref name="dataDirectory"/>; null means its SQLite file.</summary>
    public static string? DatabaseFor(string dataDirectory) => IsPostgres
        ? Databases.GetOrAdd(dataDirectory, _ => new Lazy<string>(TestPostgres.CreateDatabase)).Value
        : null;

    /// <summary>A closed connection to the database of <paramref name="dataDirectory"/>, for a test's plain SQL.</summary>
    public static DbConnection Connect(string dataDirectory) => DatabaseFor(dataDirectory) is { } postgres
        ? new NpgsqlConnection(TestPostgres.Unpooled(postgres))
        : new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "runnel.db")};Pooling=False");

    /// <summary>Drops the PostgreSQL database of <paramref name="dataDirectory"/>, if it has one.</summary>
    public static void Release(string dataDirectory)
    {
        if (Databases.TryRemove(dataDirectory, out var database) && database.IsValueCreated)
        {
            TestPostgres.DropDatabase(database.Value);
        }
    }
}
