namespace Runnel.Core.Engine;

/// <summary>
/// This process's identity among the nodes sharing a database and how long its claims last. A claim outlives a normal
/// round many times over; when a node dies or stalls, its claimed work waits at most <see cref="ClaimLease"/> before
/// another node takes it over.
/// </summary>
/// <param name="NodeId">Unique per process: host, process id and a random suffix.</param>
/// <param name="ClaimLease">How long a claim on due members, emails, webhooks or a singleton job lasts.</param>
/// <param name="FaultHoldAfterClaim">
/// Fault injection for multi-node tests only (RUNNEL_FAULT_HOLD_AFTER_CLAIM_MS): the runner waits this long between
/// claiming a batch and committing its results, so a test can freeze a node while it holds claims. Zero in production.
/// </param>
public sealed record NodeOptions(string NodeId, TimeSpan ClaimLease, TimeSpan FaultHoldAfterClaim)
{
    /// <summary>Why 30 s: far longer than a runner round (milliseconds to a few seconds), short enough that a dead
    /// node's members are late by half a minute at most.</summary>
    public static readonly TimeSpan DefaultClaimLease = TimeSpan.FromSeconds(30);

    public static string NewNodeId() =>
        $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
}
