using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Conventions;
/// <summary>
/// A server that never stores the answers of keyed requests (RUNNEL_FAULT_ABANDON_IDEMPOTENCY), exactly as if it died
/// after each command committed and before the answer was saved; every repeat must recover from the recorded writes.
/// </summary>
public sealed class AbandoningRunnelFactory : RunnelFactory
{
    protected override IDictionary<string, string> Settings =>
        new Dictionary<string, string> { ["RUNNEL_FAULT_ABANDON_IDEMPOTENCY"] = "1" };
}
