namespace Runnel.Bench;

/// <summary>
/// A peer's drain: <see cref="Members"/> jobs due at once, each running one unit of work and chaining one more
/// durable job, so <see cref="Executions"/> is two per member; the wall time from starting the scheduler until the last
/// chain completed, and the bench process's CPU over it (the peer runs in-process; a database server's own CPU is not
/// in it).
/// </summary>
public sealed record PeerResult(string Name, int Members, long Executions, double Seconds, double CpuSeconds, bool Checked)
{
    public double ExecutionsPerSecond => Executions / Seconds;

    public double MembersPerSecond => Members / Seconds;
}
