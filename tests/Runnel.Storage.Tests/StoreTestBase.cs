using Runnel.Core.Storage;
using Runnel.Storage.Tests.Backends;

namespace Runnel.Storage.Tests;

/// <summary>
/// The base of every compliance class: a fresh database of the backend the derived class names, and a store on it.
/// The tests live in abstract classes; each backend derives one sealed class per suite (Wolverine's pattern), so the
/// same assertions hold SQLite and PostgreSQL to the same behaviour.
/// </summary>
public abstract class StoreTestBase : IDisposable
{
    protected StoreTestBase(StoreBackend backend)
    {
        Backend = backend;
        Store = backend.Open();
    }

    protected StoreBackend Backend { get; }

    protected IRunnelStore Store { get; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            ((IDisposable)Store).Dispose();
            Backend.Dispose();
        }
    }
}
