namespace Runnel.Bench;

/// <summary>What Quartz.NET's drain jobs find in the scheduler context: the SQLite file's connection string and the run.</summary>
public sealed record QuartzPeerRun(string ConnectionString, PeerDrainState State);
