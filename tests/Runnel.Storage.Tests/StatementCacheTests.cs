using Dapper;
using Microsoft.Data.Sqlite;
using Runnel.Storage.Sqlite;

namespace Runnel.Storage.Tests;

/// <summary>
/// The writer's prepared-statement cache (<see cref="CachedConnection"/>): Dapper's calls through it reuse one
/// compiled statement per SQL text and behave exactly as on a plain connection.
/// </summary>
public sealed class StatementCacheTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "runnel-cache-" + Guid.NewGuid().ToString("N"));
    private readonly CachedConnection _connection;

    public StatementCacheTests()
    {
        Directory.CreateDirectory(_folder);
        var inner = new SqliteConnection($"Data Source={Path.Combine(_folder, "cache.db")};Pooling=False");
        inner.Open();
        inner.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
        _connection = new CachedConnection(inner);
    }

    public void Dispose()
    {
        _connection.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void The_same_text_runs_on_the_same_prepared_statement_with_new_parameter_values()
    {
        _connection.Execute("INSERT INTO t (id, name) VALUES (@id, @name)", new { id = 1, name = "a" });
        _connection.Execute("INSERT INTO t (id, name) VALUES (@id, @name)", new { id = 2, name = "b" });
        const string sql = "SELECT name FROM t WHERE id = @id";

        var (a, firstRuns) = Run(_connection, sql, 1);
        var (b, secondRuns) = Run(_connection, sql, 2);
        // The control: a plain SqliteCommand per call, as Dapper makes on a plain connection, compiles anew each time.
        var (_, plainRuns) = Run(_connection.Inner, sql, 1);

        Assert.Equal(("a", "b"), (a, b));
        Assert.Equal((1, 2), (firstRuns, secondRuns));
        Assert.Equal(1, plainRuns);
    }

    [Fact]
    public void A_query_run_while_a_reader_of_the_same_text_is_open_gets_its_own_statement()
    {
        _connection.Execute("INSERT INTO t (id, name) VALUES (1, 'a'), (2, 'b')");
        const string sql = "SELECT name FROM t WHERE id >= @id ORDER BY id";

        var outer = new List<string>();
        var inner = new List<string>();
        foreach (var name in _connection.Query<string>(sql, new { id = 1 }, buffered: false))
        {
            outer.Add(name);
            inner.AddRange(_connection.Query<string>(sql, new { id = 2 }));
        }

        Assert.Equal(["a", "b"], outer);
        Assert.Equal(["b", "b"], inner);
        Assert.Equal(["a", "b"], _connection.Query<string>(sql, new { id = 1 }));
    }

    [Fact]
    public void A_failed_statement_can_run_again()
    {
        const string insert = "INSERT INTO t (id, name) VALUES (@id, @name)";
        _connection.Execute(insert, new { id = 1, name = "a" });

        Assert.Throws<SqliteException>(() => _connection.Execute(insert, new { id = 2, name = "a" }));
        _connection.Execute(insert, new { id = 2, name = "b" });

        Assert.Equal(2, _connection.ExecuteScalar<long>("SELECT COUNT(*) FROM t"));
    }

    [Fact]
    public void Texts_past_the_bound_are_evicted_and_still_answer()
    {
        for (var i = 0; i < 1_500; i++)
        {
            Assert.Equal(i, _connection.ExecuteScalar<long>($"SELECT @v + {i} - @v", new { v = 7 }));
        }

        Assert.Equal(3, _connection.ExecuteScalar<long>("SELECT @v + 0 - @v + 3", new { v = 1 }));
    }

    [Fact]
    public void Dapper_list_expansion_and_other_parameter_prefixes_bind_as_on_a_plain_connection()
    {
        _connection.Execute("INSERT INTO t (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')");

        Assert.Equal(["a", "c"], _connection.Query<string>("SELECT name FROM t WHERE id IN @ids ORDER BY id",
            new { ids = new[] { 1, 3 } }));
        Assert.Equal("b", _connection.ExecuteScalar<string>("SELECT name FROM t WHERE id = $id", new { id = 2 }));
        Assert.Equal("c", _connection.ExecuteScalar<string>("SELECT name FROM t WHERE id = :id", new { id = 3 }));
    }

    [Fact]
    public void Commands_run_inside_the_connection_transaction()
    {
        using (var transaction = _connection.Inner.BeginTransaction())
        {
            _connection.Execute("INSERT INTO t (id, name) VALUES (@id, @name)", new { id = 1, name = "a" },
                transaction);
            transaction.Rollback();
        }

        using (var transaction = _connection.Inner.BeginTransaction())
        {
            _connection.Execute("INSERT INTO t (id, name) VALUES (@id, @name)", new { id = 2, name = "b" },
                transaction);
            transaction.Commit();
        }

        Assert.Equal(["b"], _connection.Query<string>("SELECT name FROM t"));
    }

    /// <summary>Runs <paramref name="sql"/> and reads how often SQLite has run its compiled statement so far.</summary>
    private static (string? Name, int Runs) Run(System.Data.Common.DbConnection connection, string sql, int id)
    {
        // SQLITE_STMTSTATUS_RUN: how many times the prepared statement has run, kept until it is finalized.
        const int statementRuns = 6;
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.Value = id;
        command.Parameters.Add(parameter);
        using var reader = (SqliteDataReader)command.ExecuteReader();
        var name = reader.Read() ? reader.GetString(0) : null;
        return (name, SQLitePCL.raw.sqlite3_stmt_status(reader.Handle!, statementRuns, 0));
    }
}
