using Dapper;
using Microsoft.Data.Sqlite;
using Runnel.Core.Storage;
using Runnel.Storage.Sqlite;

namespace Runnel.Storage.Tests.Backends;

/// <summary>A database file in a fresh temp folder.</summary>
public sealed class SqliteBackend : StoreBackend
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "runnel-store-" + Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(_folder, "runnel.db");

    public override IRunnelStore Open() => new SqliteStore(DatabasePath);

    public override void Execute(string sql, object? args = null)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        connection.Execute(sql, args);
    }

    protected override void Dispose(bool disposing) => Directory.Delete(_folder, recursive: true);
}
