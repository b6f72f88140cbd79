
using Runnel.Core.Engine;
using Runnel.Core.Members;

namespace Runnel.Server.Engine;

/// <summary>Keeps the flow runner going; an enrollment or a woken wait signals it to run at once.</summary>
public sealed class RunnerService(FlowRunner runner, RunnerSignal signal, TimeProvider time,
    ILogger<RunnerService> logger) : ScheduledPumpService(runner, signal, time, logger);
