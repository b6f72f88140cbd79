using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Runnel.Storage.Sqlite;

/// <summary>
/// An open <see cref="SqliteConnection"/> whose commands reuse prepared statements (<see cref="StatementCache"/>).
/// Repositories keep calling Dapper on a <see cref="DbConnection"/> and never see the difference; transactions are
/// still begun on <see cref="Inner"/>.
/// </summary>
internal sealed class CachedConnection(SqliteConnection inner) : DbConnection
{
    public SqliteConnection Inner => inner;

    public StatementCache Statements { get; } = new(inner);

    [AllowNull]
    public override string ConnectionString
    {
        get => inner.ConnectionString;
        set => throw new InvalidOperationException("The connection string of an open cached connection is fixed.");
    }

    public override string Database => inner.Database;

    public override string DataSource => inner.DataSource;

    public override string ServerVersion => inner.ServerVersion;

    public override ConnectionState State => inner.State;

    public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);

    public override void Close() => inner.Close();

    public override void Open() => inner.Open();

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) =>
        inner.BeginTransaction(isolationLevel);

    protected override DbCommand CreateDbCommand() => new CachedCommand(this);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Statements first, so they are finalized while their connection is still open.
            Statements.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
