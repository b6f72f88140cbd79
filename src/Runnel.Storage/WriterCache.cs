namespace Runnel.Storage;

/// <summary>
/// Rows that rarely change — workspaces, flows, and what is derived from the active flows — remembered across the
/// write sessions of a store with a single writer (SQLite), so the hot writes (an enrollment, a dispatched trigger
/// event) do not read them again each time.
/// <para>
/// Exact, not merely fresh: only the writer thread fills and reads it, every write of those tables goes through that
/// thread and clears it (<see cref="SqlDb.ChangedCachedRows"/>), and the store clears it whenever a transaction or a
/// savepoint rolls back, so it never holds a row the database does not. A store shared by several processes
/// (PostgreSQL) has none: another node's change would not clear it.
/// </para>
/// Not thread-safe: used by the one writer thread only. Values must be immutable; callers share them.
/// </summary>
public sealed class WriterCache
{
    // Far more than the flows and workspaces one server has; a bound, because keys come from requests.
    private const int MaxEntries = 4096;

    private readonly Dictionary<object, object> _entries = [];

    /// <summary>
    /// The value under <paramref name="key"/>, made and remembered by <paramref name="load"/> when missing. A null
    /// (nothing found) is not remembered: ids that name nothing cannot fill the cache.
    /// </summary>
    public async Task<T?> GetOrAddAsync<T>(object key, Func<Task<T?>> load) where T : class
    {
        if (_entries.TryGetValue(key, out var known))
        {
            return (T)known;
        }

        var loaded = await load();
        if (loaded is not null)
        {
            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }

            _entries[key] = loaded;
        }

        return loaded;
    }

    /// <summary>Forgets everything: after a write of a cached table, or a rollback.</summary>
    public void Clear() => _entries.Clear();
}
