using System.Collections.Concurrent;
using Runnel.Core.Flows;
using Runnel.Core.Storage;

namespace Runnel.Core.Services;

/// <summary>
/// Frozen flow versions by (flow, version). A version never changes once written, so entries never go stale; the
/// cache only forgets everything when it grows past its bound.
/// </summary>
public sealed class FlowVersionCache
{
    // Why 10,000: a definition is a few kilobytes; ten thousand live versions is far more than one workspace set runs,
    // and clearing at the bound costs only re-reads.
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<(Guid FlowId, int Version), FlowDefinition> _versions = new();

    public async Task<FlowDefinition?> GetAsync(IStoreSession session, Guid flowId, int version)
    {
        if (_versions.TryGetValue((flowId, version), out var cached))
        {
            return cached;
        }

        var loaded = await session.Flows.GetVersionAsync(flowId, version);
        if (loaded is not null)
        {
            if (_versions.Count >= MaxEntries)
            {
                _versions.Clear();
            }

            _versions[(flowId, version)] = loaded;
        }

        return loaded;
    }
}
