using Microsoft.Data.Sqlite;

namespace Runnel.Storage.Sqlite;

/// <summary>
/// Prepared commands of one connection by their SQL text, least recently used first out. Microsoft.Data.Sqlite keeps
/// a command's compiled statements for as long as its text and connection stay the same (only the parameter values
/// are bound anew on each execution), so handing the same <see cref="SqliteCommand"/> back for the same text skips
/// <c>sqlite3_prepare_v2</c>, which was the largest single cost of a statement on the writer thread
/// (docs/benchmarks.md). Not thread-safe: one cache belongs to one connection, used by one thread at a time.
/// </summary>
internal sealed class StatementCache(SqliteConnection connection) : IDisposable
{
    // Why 512: the repositories have a few hundred fixed statement texts; Dapper's IN-list expansion and multi-row
    // inserts add one text per list length, which the bound evicts first. A prepared statement is a few KiB.
    private const int Capacity = 512;

    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    // Parameter lists of finished commands, kept for the next ones: a fresh list regrows its array for every command,
    // which showed in the writer's profile.
    private readonly Stack<SqliteParameterCollection> _parameterLists = new();
    private readonly Dictionary<string, string> _atNames = new(StringComparer.Ordinal);

    /// <summary>
    /// The cached command for <paramref name="sql"/>, or a new one to be disposed after use when the cached one is
    /// still executing (a query issued while another query with the same text is being read).
    /// </summary>
    public Entry Rent(string sql)
    {
        if (_entries.TryGetValue(sql, out var node))
        {
            if (node != _recency.First)
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
            }

            var cached = node.Value;
            if (!cached.Rented)
            {
                cached.Rented = true;
                return cached;
            }

            return new Entry(NewCommand(sql), cachesText: false) { Rented = true };
        }

        if (_entries.Count >= Capacity)
        {
            var oldest = _recency.Last!;
            _recency.RemoveLast();
            _entries.Remove(oldest.Value.Command.CommandText);
            oldest.Value.Evicted = true;
            if (!oldest.Value.Rented)
            {
                oldest.Value.Command.Dispose();
            }
        }

        var entry = new Entry(NewCommand(sql), cachesText: true) { Rented = true };
        _entries[sql] = _recency.AddFirst(entry);
        return entry;
    }

    /// <summary><paramref name="name"/> with SQLite's <c>@</c> prefix, without building the string anew each time.</summary>
    public string AtName(string name)
    {
        if (_atNames.TryGetValue(name, out var prefixed))
        {
            return prefixed;
        }

        prefixed = "@" + name;
        // Why 4,096: the repositories use a few hundred parameter names; IN-list expansion adds numbered ones.
        if (_atNames.Count < 4096)
        {
            _atNames[name] = prefixed;
        }

        return prefixed;
    }

    /// <summary>An empty parameter list for a new command.</summary>
    public SqliteParameterCollection TakeParameterList() =>
        _parameterLists.TryPop(out var list) ? list : new ParameterList();

    public void GiveBackParameterList(SqliteParameterCollection list)
    {
        list.Clear();
        // A command that is disposed twice must not hand its list out twice; a bounded stack also caps what a burst
        // of nested commands leaves behind.
        if (_parameterLists.Count < 16 && !_parameterLists.Contains(list))
        {
            _parameterLists.Push(list);
        }
    }

    public void Dispose()
    {
        foreach (var entry in _recency)
        {
            entry.Command.Dispose();
        }

        _recency.Clear();
        _entries.Clear();
    }

    private SqliteCommand NewCommand(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>Microsoft.Data.Sqlite's own collection, so names, lookups and type checks behave as on its commands.</summary>
    private sealed class ParameterList : SqliteParameterCollection;

    /// <summary>A command and whether a caller holds it.</summary>
    internal sealed class Entry(SqliteCommand command, bool cachesText)
    {
        public SqliteCommand Command { get; } = command;

        /// <summary>False for the one-off command made while the cached one was busy.</summary>
        public bool CachesText { get; } = cachesText;

        /// <summary>
        /// Whether parameter names can be given SQLite's <c>@</c> prefix before binding. Dapper names parameters
        /// without one, and Microsoft.Data.Sqlite then looks each name up under all three prefixes (@, $, :) on every
        /// execution; texts that use only <c>@</c> names are bound with one lookup instead.
        /// </summary>
        public bool AtNamesOnly { get; } = !command.CommandText.Contains('$', StringComparison.Ordinal)
                                           && !command.CommandText.Contains(':', StringComparison.Ordinal);

        public bool Rented { get; set; }

        public bool Evicted { get; set; }

        /// <summary>Hands the command back after use; a one-off or evicted command is disposed.</summary>
        public void Return()
        {
            Rented = false;
            Command.Parameters.Clear();
            // A finished transaction must not stay reachable from a command that outlives it.
            Command.Transaction = null;
            if (!CachesText || Evicted)
            {
                Command.Dispose();
            }
        }
    }
}
