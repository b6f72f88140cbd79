using Runnel.Core.Engine;
using Runnel.Core.Members;

namespace Runnel.Server.Engine;

/// <summary>The background loop of one <see cref="IScheduledPump"/>.</summary>
public abstract class ScheduledPumpService(IScheduledPump pump, RunnerSignal signal, PumpLoopContext context,
    ILogger logger) : PumpLoopService(signal, context, logger)
{
    protected override Task<int> RunRoundAsync(CancellationToken ct) => pump.RunDueAsync(ct);

    protected override Task<DateTimeOffset?> NextDueAsync(CancellationToken ct) => pump.NextDueAsync(ct);
}
