using System.Data.Common;
using Dapper;
using Runnel.Core.Flows;
using Runnel.Core.Storage;

namespace Runnel.Storage;

/// <summary>A connection and its transaction, with the few Dapper calls repositories use.</summary>
public sealed class SqlDb(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, SqlStatements statements,
    DefinitionCache definitions, WriterCache? cache = null)
{
    public DbConnection Connection => connection;

    public SqlDialect Dialect => dialect;

    /// <summary>The store's parsed flow definitions (<see cref="DefinitionCache"/>).</summary>
    public DefinitionCache Definitions => definitions;

    /// <summary>
    /// The single writer's cache of rarely changing rows (<see cref="WriterCache"/>); null in read sessions and on a
    /// store shared by several processes, where every read goes to the database.
    /// </summary>
    public WriterCache? Cache => cache;

    /// <summary>A repository wrote a table whose rows <see cref="Cache"/> may hold (or derive from).</summary>
    public void ChangedCachedRows() => cache?.Clear();

    /// <summary>
    /// What this session's writes made due (members, outbox rows, webhook deliveries, trigger events), so the store can
    /// wake the loops that do it once the write commits, here and on other nodes.
    /// </summary>
    public DueWork WorkWritten { get; set; }

    // Each method counts its statement and runs it through Dapper: awaited where the driver does async I/O, else
    // called blocking and handed back as a completed ValueTask, which allocates nothing (SqlDialect.AsyncIo).

    public ValueTask<IEnumerable<T>> QueryAsync<T>(string sql, object? args = null)
    {
        statements.Add();
        return dialect.AsyncIo
            ? new(connection.QueryAsync<T>(new CommandDefinition(sql, args, transaction)))
            : new(connection.Query<T>(sql, args, transaction));
    }

    public ValueTask<T?> SingleAsync<T>(string sql, object? args = null)
    {
        statements.Add();
        return dialect.AsyncIo
            ? new(connection.QuerySingleOrDefaultAsync<T?>(new CommandDefinition(sql, args, transaction)))
            : new(connection.QuerySingleOrDefault<T?>(sql, args, transaction));
    }

    public ValueTask<T> ScalarAsync<T>(string sql, object? args = null)
    {
        statements.Add();
        return dialect.AsyncIo
            ? new(connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, args, transaction))!)
            : new(connection.ExecuteScalar<T>(sql, args, transaction)!);
    }

    public ValueTask<int> ExecuteAsync(string sql, object? args = null)
    {
        statements.Add();
        return dialect.AsyncIo
            ? new(connection.ExecuteAsync(new CommandDefinition(sql, args, transaction)))
            : new(connection.Execute(sql, args, transaction));
    }

    /// <summary>Runs a page query and its count; <paramref name="from"/> is everything after SELECT … up to ORDER BY.</summary>
    public async ValueTask<Page<T>> PageAsync<T>(string select, string from, string orderBy, PageRequest page,
        object? args = null)
    {
        var parameters = new DynamicParameters(args);
        parameters.Add("__limit", page.Limit);
        parameters.Add("__offset", page.Offset);
        var total = await ScalarAsync<long>($"SELECT COUNT(*) {from}", parameters);
        if (total == 0)
        {
            return new Page<T>([], total);
        }

        var items = await QueryAsync<T>($"SELECT {select} {from} ORDER BY {orderBy} LIMIT @__limit OFFSET @__offset",
            parameters);
        return new Page<T>(items.ToList(), total);
    }
}
