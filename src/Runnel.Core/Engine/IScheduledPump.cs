namespace Runnel.Core.Engine;

/// <summary>A pump that knows when its next item falls due, so a moved clock can stop at each due moment in turn.</summary>
public interface IScheduledPump : IWorkPump
{
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken);
}
