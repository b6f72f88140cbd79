
using Runnel.Core.Engine;
using Runnel.Core.Members;

namespace Runnel.Server.Engine;

/// <summary>The background loop of one <see cref="IScheduledPump"/>.</summary>
public abstract class ScheduledPumpService(IScheduledPump pump, RunnerSignal signal, TimeProvider time, ILogger logger)
    : PumpLoopService(signal, time, logger)
{
    protected override Task<int> RunRoundAsync(CancellationToken ct) => pump.RunDueAsync(ct);

    protected override Task<DateTimeOffset?> NextDueAsync(CancellationToken ct) => pump.NextDueAsync(ct);
}
