namespace Runnel.Server.Tests.Infrastructure;

/// <summary>
/// A fresh folder under the temp directory for one test, removed afterwards (best effort), with the PostgreSQL
/// database that servers on it used.
/// </summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        TestBackend.Release(Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file; the OS cleans temp folders.
        }
    }
}
