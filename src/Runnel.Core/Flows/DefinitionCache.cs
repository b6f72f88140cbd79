using System.Collections.Concurrent;
using Runnel.Core.Json;

namespace Runnel.Core.Flows;

/// <summary>
/// Parsed flow definitions by the JSON they were parsed from. Every enrollment and runner round reads a flow and its
/// frozen version; parsing that JSON (polymorphic steps, rule trees) was most of an enrollment's CPU on the writer
/// thread. A hit costs one string comparison with the stored text, so a changed definition is never served stale,
/// whatever the clock says. One per store (a store's sessions share it), so two servers in one process keep apart.
/// </summary>
public sealed class DefinitionCache
{
    // Why 4,096: one entry per live flow (or frozen version) — far more than a server runs at once; past the bound the
    // cache starts over, which costs only re-parsing.
    private const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<(Guid Id, int Version), Entry> _entries = new();

    /// <param name="flowId">The flow.</param>
    /// <param name="version">The frozen version, or 0 for the flow's editable definition.</param>
    /// <param name="json">The stored JSON.</param>
    public FlowDefinition Parse(Guid flowId, int version, string json)
    {
        if (_entries.TryGetValue((flowId, version), out var hit) && string.Equals(hit.Json, json, StringComparison.Ordinal))
        {
            return hit.Definition;
        }

        var definition = RunnelJson.Deserialize<FlowDefinition>(json)
                         ?? throw new InvalidOperationException($"Flow {flowId} has an empty definition.");
        // JSON nodes inside a definition (update values, webhook fields, rule values) materialise lazily; walking the
        // whole tree once here means threads that share the cached definition only ever read it.
        _ = RunnelJson.Serialize(definition);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[(flowId, version)] = new Entry(json, definition);
        return definition;
    }

    private sealed record Entry(string Json, FlowDefinition Definition);
}
