using Runnel.Core.Storage;
using Runnel.Core.Workspaces;
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

    /// <summary>A new workspace row, for suites whose records belong to one.</summary>
    protected Task<Guid> NewWorkspaceAsync() => InsertWorkspaceAsync(Store, Guid.CreateVersion7());

    /// <summary>Writes a workspace row with id <paramref name="id"/> through <paramref name="store"/>.</summary>
    public static async Task<Guid> InsertWorkspaceAsync(IRunnelStore store, Guid id)
    {
        var at = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
        var workspace = new Workspace(id, "w", "UTC", null, null, null, null, false, at, at);
        await store.WriteAsync(async s =>
        {
            await s.Workspaces.InsertAsync(workspace);
            return 0;
        });
        return id;
    }

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
