using Runnel.Core.Runtime;

namespace Runnel.Server.Engine;

/// <summary>
/// Keeps the runner going: runs whatever is due, then sleeps until the next member falls due, a signal says new work
/// arrived (an enrollment, a woken wait), or the poll interval passes.
/// </summary>
public sealed class RunnerService(FlowRunner runner, RunnerSignal signal, TimeProvider time,
    ILogger<RunnerService> logger) : PumpLoopService(signal, time, logger)
{
    protected override Task<int> RunRoundAsync(CancellationToken ct) => runner.RunDueAsync(ct);

    protected override Task<DateTimeOffset?> NextDueAsync(CancellationToken ct) => runner.NextDueAsync(ct);
}
