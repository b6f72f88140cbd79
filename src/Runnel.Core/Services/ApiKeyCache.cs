using System.Collections.Concurrent;
using Runnel.Core.Workspaces;

namespace Runnel.Core.Services;

/// <summary>
/// Active API keys recently read, by key hash, so a burst of requests with one key reads it once instead of once per
/// request. An entry is trusted for <see cref="Lifetime"/> of real time: a key revoked on another node fails there
/// within that time; a revocation on this node clears the cache at once. Only active keys are kept — an unknown or
/// revoked key is read every time, so a new key works at once and a guessing client gains nothing.
/// </summary>
/// <remarks>
/// Staleness is measured on <see cref="TimeProvider.System"/>, not the server's clock: the dev clock stands still
/// between moves, and the bound on how long another node may honour a revoked key is a real-time promise.
/// </remarks>
public sealed class ApiKeyCache(TimeProvider? realTime = null)
{
    /// <summary>Why 500 ms: a revocation must take effect on every node within one second (docs/security.md).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMilliseconds(500);

    // Far above any real number of keys in use at once; past it the cache starts over rather than grow.
    private const int MaxEntries = 10_000;

    private readonly TimeProvider _clock = realTime ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public ApiKey? Find(string keyHash) =>
        _entries.TryGetValue(keyHash, out var entry) && _clock.GetElapsedTime(entry.ReadAt) < Lifetime ? entry.Key : null;

    public void Remember(string keyHash, ApiKey key)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[keyHash] = new Entry(key, _clock.GetTimestamp());
    }

    /// <summary>A key of this node was revoked: forget every key, so none is honoured from memory.</summary>
    public void Clear() => _entries.Clear();

    private sealed record Entry(ApiKey Key, long ReadAt);
}
