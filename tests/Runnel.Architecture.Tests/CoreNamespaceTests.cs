using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using Runnel.Core.Services;

namespace Runnel.Architecture.Tests;

/// <summary>
/// The arrows between Runnel.Core's namespaces, read from the compiled assembly (every type a type's fields,
/// signatures, attributes and method bodies use), against the layering docs/architecture.md draws: vocabulary at the
/// bottom, then the pure interpreter and the storage ports, then the services that open store sessions, then the
/// engine's pumps. A new cycle or an arrow pointing up fails here with the types that make it.
/// </summary>
public sealed class CoreNamespaceTests
{
    private const string Core = "Runnel.Core";

    /// <summary>
    /// Each Core namespace's layer. A namespace may use namespaces of lower layers; within the vocabulary and model
    /// layers it may use its neighbours as long as no cycle forms; the interpreter and the storage ports do not see
    /// each other.
    /// </summary>
    private static readonly Dictionary<string, int> Layers = new(StringComparer.Ordinal)
    {
        // 0: words every part shares, depending on nothing of Runnel's (Json on Errors only).
        [Core] = 0, ["Errors"] = 0, ["Json"] = 0, ["Time"] = 0, ["Security"] = 0, ["Net"] = 0, ["Diagnostics"] = 0,
        // 1: the domain's records, requests and pure rules, one namespace per feature.
        ["Contacts"] = 1, ["Rules"] = 1, ["Templates"] = 1, ["Emails"] = 1, ["Events"] = 1, ["Lists"] = 1,
        ["Forms"] = 1, ["Flows"] = 1, ["Members"] = 1, ["Triggers"] = 1, ["Webhooks"] = 1, ["Delivery"] = 1,
        ["Workspaces"] = 1, ["Pages"] = 1,
        // 2: the step interpreter (pure: a member and its inputs in, a result out) and the storage ports.
        ["Interpreter"] = 2, ["Storage"] = 2,
        // 3: services that open store sessions.
        ["Services"] = 3,
        // 4: the background pumps and the runner.
        ["Engine"] = 4,
    };

    private static readonly Lazy<Dictionary<string, Dictionary<string, SortedSet<string>>>> Graph = new(Build);

    [Fact]
    public void Every_core_namespace_has_a_layer()
    {
        var unplaced = Graph.Value.Keys.Concat(Graph.Value.Values.SelectMany(d => d.Keys))
            .Distinct().Where(n => !Layers.ContainsKey(n)).ToList();
        Assert.True(unplaced.Count == 0,
            $"Namespaces without a layer (add them to {nameof(Layers)} and docs/architecture.md): {string.Join(", ", unplaced)}");
    }

    [Fact]
    public void Core_namespaces_use_only_lower_layers_or_neighbours()
    {
        var violations = new List<string>();
        foreach (var (from, targets) in Graph.Value)
        {
            foreach (var (to, types) in targets)
            {
                if (!Layers.TryGetValue(from, out var a) || !Layers.TryGetValue(to, out var b))
                {
                    continue;
                }

                var allowed = b < a || (a == b && a <= 1);
                if (!allowed)
                {
                    violations.Add($"{from} -> {to} ({string.Join(", ", types.Take(6))})");
                }
            }
        }

        Assert.True(violations.Count == 0, "Arrows against the layering:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Core_namespaces_form_no_cycle()
    {
        var cycles = StronglyConnected(Graph.Value).Where(c => c.Count > 1).ToList();
        Assert.True(cycles.Count == 0, "Namespace cycles:\n" + string.Join("\n", cycles.Select(c =>
            string.Join(" <-> ", c) + ": " + string.Join("; ", Edges(c)))));

        IEnumerable<string> Edges(IReadOnlyList<string> cycle) =>
            from a in cycle
            from b in cycle
            where Graph.Value.TryGetValue(a, out var t) && t.ContainsKey(b)
            select $"{a} -> {b} ({string.Join(", ", Graph.Value[a][b].Take(4))})";
    }

    [Fact]
    public void The_graph_is_read_from_the_assembly()
    {
        // The rules above are only as good as the graph: it holds the arrows the layering is built on.
        Assert.Contains("Storage", Graph.Value["Services"].Keys);
        Assert.Contains("Services", Graph.Value["Engine"].Keys);
        Assert.Contains("Members", Graph.Value["Interpreter"].Keys);
        Assert.Contains("ContactService uses IStoreSession", Graph.Value["Services"]["Storage"]);
    }

    [Fact]
    public void A_cycle_is_found()
    {
        SortedSet<string> Why() => new(StringComparer.Ordinal) { "example" };
        var graph = new Dictionary<string, Dictionary<string, SortedSet<string>>>(StringComparer.Ordinal)
        {
            ["A"] = new(StringComparer.Ordinal) { ["B"] = Why() },
            ["B"] = new(StringComparer.Ordinal) { ["C"] = Why() },
            ["C"] = new(StringComparer.Ordinal) { ["A"] = Why(), ["D"] = Why() },
        };

        var cycle = Assert.Single(StronglyConnected(graph), c => c.Count > 1);
        Assert.Equal(["A", "B", "C"], cycle.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_background_pump_is_in_the_engine()
    {
        var pumps = typeof(Runnel.Core.Engine.IWorkPump).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Runnel.Core.Engine.IWorkPump).IsAssignableFrom(t))
            .ToList();
        Assert.NotEmpty(pumps);
        Assert.All(pumps, t => Assert.Equal("Runnel.Core.Engine", t.Namespace));
        var elsewhere = typeof(Runnel.Server.Hosting.RunnelOptions).Assembly.GetTypes()
            .Where(t => typeof(Runnel.Core.Engine.IWorkPump).IsAssignableFrom(t)).Select(t => t.FullName).ToList();
        Assert.Empty(elsewhere);
    }

    /// <summary>Namespace (relative to Runnel.Core) → namespace it uses → "Type uses Type" examples.</summary>
    private static Dictionary<string, Dictionary<string, SortedSet<string>>> Build()
    {
        var architecture = new ArchLoader().LoadAssemblies(typeof(Runnel.Core.Ids).Assembly).Build();
        var graph = new Dictionary<string, Dictionary<string, SortedSet<string>>>(StringComparer.Ordinal);
        foreach (var type in architecture.Types)
        {
            if (Relative(type.Namespace?.FullName) is not { } from)
            {
                continue;
            }

            foreach (var dependency in type.Dependencies)
            {
                // A generic parameter is not a dependency (and ArchUnitNET files same-named ones under one namespace).
                if (dependency.Target is GenericParameter
                    || Relative(dependency.Target?.Namespace?.FullName) is not { } to || to == from)
                {
                    continue;
                }

                var targets = graph.TryGetValue(from, out var t) ? t : graph[from] = new(StringComparer.Ordinal);
                var examples = targets.TryGetValue(to, out var e) ? e : targets[to] = new(StringComparer.Ordinal);
                examples.Add($"{type.Name} uses {dependency.Target!.Name}");
            }
        }

        return graph;
    }

    private static string? Relative(string? ns) => ns is null ? null : ns == Core ? Core
        : ns.StartsWith(Core + ".", StringComparison.Ordinal) ? ns[(Core.Length + 1)..].Split('.')[0]
        : null;

    /// <summary>Tarjan's strongly connected components.</summary>
    private static List<IReadOnlyList<string>> StronglyConnected(Dictionary<string, Dictionary<string, SortedSet<string>>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<IReadOnlyList<string>>();
        var counter = 0;

        void Visit(string v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph.TryGetValue(v, out var t) ? t.Keys : Enumerable.Empty<string>())
            {
                if (index.TryGetValue(w, out var seen))
                {
                    if (onStack.Contains(w))
                    {
                        low[v] = Math.Min(low[v], seen);
                    }
                }
                else
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                result.Add(component);
            }
        }

        foreach (var v in graph.Keys.ToList())
        {
            if (!index.ContainsKey(v))
            {
                Visit(v);
            }
        }

        return result;
    }
}
