
using Runnel.Core.Engine;
using Runnel.Core.Members;

namespace Runnel.Server.Engine;

/// <summary>
/// Keeps the flow runner going: it sleeps until the next member's wake time (or another node's lease on one runs out)
/// and is signalled when a commit makes members due now — an enrollment, a woken wait, a reactivated flow.
/// </summary>
public sealed class RunnerService(FlowRunner runner, RunnerSignal signal, PumpLoopContext context,
    ILogger<RunnerService> logger) : ScheduledPumpService(runner, signal, context, logger);
