using Runnel.Core.Engine;
using Runnel.Core.Members;

namespace Runnel.Server.Engine;

/// <summary>
/// Keeps trigger dispatch and date triggers going: dispatches queued trigger events, runs due date triggers, then
/// sleeps until a commit that wrote trigger events or activated a flow wakes it (the keyed <see cref="RunnerSignal"/>
/// <see cref="Key"/>, from the store here and from NOTIFY on other nodes' commits), or the next date run — or the end
/// of another node's lease on one — falls due.
/// </summary>
public sealed class TriggerService(
    TriggerDispatcher dispatcher,
    DateTriggerScheduler dates,
    [FromKeyedServices(TriggerService.Key)] RunnerSignal signal,
    PumpLoopContext context,
    ILogger<TriggerService> logger) : PumpLoopService(signal, context, logger)
{
    public const string Key = "triggers";

    protected override async Task<int> RunRoundAsync(CancellationToken ct) =>
        await dispatcher.RunDueAsync(ct) + await dates.RunDueAsync(ct);

    protected override async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct) =>
        await dispatcher.NextDueAsync(ct) ?? await dates.NextDueAsync(ct);
}
