using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Runnel.Storage.Sqlite;

/// <summary>
/// What Dapper sees as a command on a <see cref="CachedConnection"/>: it collects the text and parameters Dapper sets,
/// and only when executed rents the prepared <see cref="SqliteCommand"/> for that text from the connection's
/// <see cref="StatementCache"/>, moves the parameters onto it and runs it. The rented command goes back when Dapper
/// disposes this one (after it has disposed the reader), or before the next execution of this one.
/// </summary>
internal sealed class CachedCommand(CachedConnection connection) : DbCommand
{
    private SqliteParameterCollection? _parameters;
    private StatementCache.Entry? _rented;
    private string _commandText = "";
    private int? _commandTimeout;

    [AllowNull]
    public override string CommandText
    {
        get => _commandText;
        set => _commandText = value ?? "";
    }

    public override int CommandTimeout
    {
        get => _commandTimeout ?? connection.Inner.DefaultTimeout;
        set => _commandTimeout = value;
    }

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new ArgumentException("SQLite runs only CommandType.Text.", nameof(value));
            }
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set
        {
            if (value != connection)
            {
                throw new InvalidOperationException("A cached command stays on the connection that made it.");
            }
        }
    }

    protected override DbParameterCollection DbParameterCollection =>
        _parameters ??= connection.Statements.TakeParameterList();

    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel()
    {
        // Nothing to cancel: SQLite commands run synchronously on the caller's thread (SqliteCommand.Cancel is empty).
    }

    public override int ExecuteNonQuery()
    {
        var command = Rent();
        try
        {
            return command.ExecuteNonQuery();
        }
        finally
        {
            GiveBack();
        }
    }

    public override object? ExecuteScalar()
    {
        var command = Rent();
        try
        {
            return command.ExecuteScalar();
        }
        finally
        {
            GiveBack();
        }
    }

    public override void Prepare()
    {
        // Every execution uses a prepared statement already.
    }

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    /// <summary>The reader keeps the rented command busy until this command is disposed.</summary>
    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Rent().ExecuteReader(behavior);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            GiveBack();
            if (_parameters is { } parameters)
            {
                _parameters = null;
                connection.Statements.GiveBackParameterList(parameters);
            }
        }

        base.Dispose(disposing);
    }

    private SqliteCommand Rent()
    {
        GiveBack();
        var entry = connection.Statements.Rent(_commandText);
        _rented = entry;
        var command = entry.Command;
        command.Transaction = (SqliteTransaction?)DbTransaction;
        command.CommandTimeout = CommandTimeout;
        if (_parameters is not { Count: > 0 } parameters)
        {
            return command;
        }

        foreach (SqliteParameter parameter in parameters)
        {
            if (entry.AtNamesOnly && parameter.ParameterName is [not ('@' or '$' or ':'), ..] name)
            {
                parameter.ParameterName = connection.Statements.AtName(name);
            }

            command.Parameters.Add(parameter);
        }

        return command;
    }

    private void GiveBack()
    {
        if (_rented is { } entry)
        {
            _rented = null;
            entry.Return();
        }
    }
}
