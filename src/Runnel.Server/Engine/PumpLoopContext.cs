using Runnel.Server.Hosting;

namespace Runnel.Server.Engine;

/// <summary>What every background loop shares: the clock, the safety-net poll, and the dev clock's driver to keep out of.</summary>
public sealed record PumpLoopContext(TimeProvider Time, RunnelOptions Options, WorkDriver Driver);
