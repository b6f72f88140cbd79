using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Durability;
/// <summary>
/// Cluster tests start several servers on the real clock and wait for real time: they run alone, after the rest of
/// the assembly, so the other tests' load does not stretch their deadlines.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterGroup
{
    public const string Name = "Cluster";
}
