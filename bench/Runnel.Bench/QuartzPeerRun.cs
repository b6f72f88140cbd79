namespace Runnel.Bench;

/// <summary>
/// What Quartz.NET's drain jobs find in the scheduler context: the connection string of the contacts' SQLite file and
/// the run.
/// </summary>
public sealed record QuartzPeerRun(string ContactsConnectionString, PeerDrainState State);
