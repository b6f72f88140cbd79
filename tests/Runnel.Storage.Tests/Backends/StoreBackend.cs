using Runnel.Core.Storage;

namespace Runnel.Storage.Tests.Backends;

/// <summary>A fresh, empty database of one backend for one test: stores open on it and plain SQL runs beside them.</summary>
public abstract class StoreBackend : IDisposable
{
    /// <summary>A new store on this database (migrating it on first open); the caller disposes it.</summary>
    public abstract IRunnelStore Open();

    /// <summary>Runs SQL outside any store, as another program would; GUID arguments bind as the backend stores them.</summary>
    public abstract void Execute(string sql, object? args = null);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
