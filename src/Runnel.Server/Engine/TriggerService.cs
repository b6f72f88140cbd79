using Runnel.Core.Engine;
using Runnel.Core.Members;

namespace Runnel.Server.Engine;

/// <summary>
/// Keeps trigger dispatch and date triggers going: dispatches queued trigger events, runs due date triggers, then
/// sleeps until a commit that wrote trigger events wakes it (the store calls the keyed <see cref="RunnerSignal"/>
/// <see cref="Key"/>), the next date run falls due, or the poll interval passes (events another node wrote).
/// </summary>
public sealed class TriggerService(
    TriggerDispatcher dispatcher,
    DateTriggerScheduler dates,
    [FromKeyedServices(TriggerService.Key)] RunnerSignal signal,
    TimeProvider time,
    ILogger<TriggerService> logger) : PumpLoopService(signal, time, logger)
{
    public const string Key = "triggers";

    protected override async Task<int> RunRoundAsync(CancellationToken ct) =>
        await dispatcher.RunDueAsync(ct) + await dates.RunDueAsync(ct);

    protected override Task<DateTimeOffset?> NextDueAsync(CancellationToken ct) => dates.NextDueAsync(ct);
}
