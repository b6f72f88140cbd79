using Runnel.Core.Runtime;

namespace Runnel.Server.Engine;

/// <summary>Keeps the runner going; a signal (an enrollment, a woken wait) wakes it before the next poll.</summary>
public sealed partial class RunnerService(FlowRunner runner, RunnerSignal signal, TimeProvider time,
    ILogger<RunnerService> logger) : ScheduledPumpService(runner, time)
{
    protected override Task WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);

    protected override void OnRoundFailed(Exception error) => LogRoundFailed(logger, error);

    [LoggerMessage(EventId = 2000, Level = LogLevel.Error, Message = "A runner round failed; retrying")]
    private static partial void LogRoundFailed(ILogger logger, Exception error);
}
