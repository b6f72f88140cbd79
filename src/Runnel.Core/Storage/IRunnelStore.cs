namespace Runnel.Core.Storage;

/// <summary>
/// The engine's only door to the database. Every write is one transaction; the store may commit several callers'
/// writes together (group commit) but each caller's work succeeds or fails alone.
/// </summary>
public interface IRunnelStore
{
    /// <summary>Runs <paramref name="work"/> on a read-only snapshot.</summary>
    Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction and returns once it is durably committed. If the work
    /// throws, nothing it wrote is kept and the exception reaches the caller.
    /// </summary>
    Task<T> WriteAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken cancellationToken = default);

    /// <summary>
    /// True when several processes may share this database (PostgreSQL): claims must then be written, with row locks
    /// and leases. False for a store one process owns (SQLite), where a claim is a plain read.
    /// </summary>
    bool SharedByNodes { get; }

    /// <summary>True when the database answers and every migration is applied.</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken = default);
}
