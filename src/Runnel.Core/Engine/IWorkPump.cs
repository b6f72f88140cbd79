namespace Runnel.Core.Engine;

/// <summary>
/// A piece of background work that can be asked to do what is due now: the runner, trigger dispatch, delivery.
/// The dev clock drives every pump until all report nothing left, so a moved clock answers only when the work is done.
/// </summary>
public interface IWorkPump
{
    /// <summary>Does one round of due work; returns how many items it handled (0 when idle).</summary>
    Task<int> RunDueAsync(CancellationToken cancellationToken);
}
