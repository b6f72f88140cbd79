using Runnel.Core.Storage;

namespace Runnel.Server.Hosting.Idempotency;

/// <summary>Deletes idempotency records past their 24 hours, hourly, so the table stays the size of one day's POSTs.</summary>
public sealed class IdempotencySweeper(IRunnelStore store, TimeProvider time, ILogger<IdempotencySweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                var cutoff = time.GetUtcNow() - IdempotencyMiddleware.Retention;
                await store.WriteAsync(s => s.Idempotency.DeleteExpiredAsync(cutoff), stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogWarning(error, "Sweeping expired idempotency keys failed; will retry next hour.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
