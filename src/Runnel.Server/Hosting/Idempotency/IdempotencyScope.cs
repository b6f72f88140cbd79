using Runnel.Core.Workspaces;

namespace Runnel.Server.Hosting.Idempotency;

/// <summary>
/// The keyed request the current async flow is executing: which record its writes belong to, and the writes an
/// earlier, interrupted execution of it already committed (handed back in order instead of being run again).
/// </summary>
public sealed class IdempotencyScope(Guid apiKeyId, string key, string token, IReadOnlyList<IdempotentWrite> committed)
{
    private static readonly AsyncLocal<IdempotencyScope?> Ambient = new();
    private int _next;

    public static IdempotencyScope? Current => Ambient.Value;

    public Guid ApiKeyId => apiKeyId;

    public string Key => key;

    public string Token => token;

    /// <summary>How many of the earlier execution's writes this one was handed back.</summary>
    public int Replayed { get; private set; }

    /// <summary>The earlier execution's next write, or null once they are used up (from then on writes run).</summary>
    public IdempotentWrite? TakeCommitted(out int seq)
    {
        lock (this)
        {
            seq = _next++;
            if (seq < committed.Count)
            {
                Replayed++;
                return committed[seq];
            }

            return null;
        }
    }

    /// <summary>Makes <paramref name="scope"/> current for the calling flow until the result is disposed.</summary>
    public static IDisposable Enter(IdempotencyScope? scope)
    {
        var previous = Ambient.Value;
        Ambient.Value = scope;
        return new Restore(previous);
    }

    /// <summary>Work started from a request that is not part of its answer (the dev clock's pumps) runs outside it.</summary>
    public static IDisposable Suppress() => Enter(null);

    private sealed class Restore(IdempotencyScope? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
