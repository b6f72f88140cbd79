using Dapper;
using Npgsql;
using Runnel.Core.Storage;
using Runnel.Storage.Postgres;
using Runnel.Testing;

namespace Runnel.Storage.Tests.Backends;

/// <summary>A database of its own on the test run's PostgreSQL server, dropped afterwards.</summary>
public sealed class PostgresBackend : StoreBackend
{
    public string ConnectionString { get; } = TestPostgres.CreateDatabase();

    public override IRunnelStore Open() => new PostgresStore(ConnectionString);

    /// <summary>A store that reports its own commits' due work and notifications, for tests of LISTEN/NOTIFY.</summary>
    public PostgresStore Open(Action<DueWork>? afterCommit, Action<DueWork> onNotify) =>
        new(ConnectionString, afterCommit, onNotify);

    public override void Execute(string sql, object? args = null)
    {
        using var connection = new NpgsqlConnection(TestPostgres.Unpooled(ConnectionString));
        connection.Open();
        connection.Execute(sql, args);
    }

    public T Scalar<T>(string sql, object? args = null)
    {
        using var connection = new NpgsqlConnection(TestPostgres.Unpooled(ConnectionString));
        connection.Open();
        return connection.ExecuteScalar<T>(sql, args)!;
    }

    protected override void Dispose(bool disposing) => TestPostgres.DropDatabase(ConnectionString);
}
