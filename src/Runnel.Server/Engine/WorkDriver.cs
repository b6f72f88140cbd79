using Microsoft.Extensions.Time.Testing;
using Runnel.Core.Engine;
using Runnel.Server.Hosting;
using Runnel.Server.Hosting.Idempotency;

namespace Runnel.Server.Engine;

/// <summary>
/// Moves the dev clock and then drives every <see cref="IWorkPump"/> until none has anything left, so that
/// <c>POST /v1/dev/clock</c> answers only after everything that became due has run. Time moves in steps no longer than
/// the next due item, so work due at different moments runs at its own moment, in order. With the dev clock the
/// background loops run their rounds only between advances (<see cref="ExcludeAdvancesAsync"/>): a loop woken by a
/// commit must not take an item from under an advance, which would then see "nothing left" before the item's
/// consequences (a member made due by a delivered webhook, say) were committed.
/// </summary>
public sealed class WorkDriver(IEnumerable<IWorkPump> pumps, RunnelOptions options) : IDisposable
{
    // Each pump round handles a batch; this many rounds without reaching idle means something keeps re-queueing
    // itself, and answering beats spinning forever.
    private const int MaxRounds = 100_000;

    private readonly IWorkPump[] _pumps = pumps.ToArray();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task AdvanceAsync(FakeTimeProvider clock, TimeSpan by, CancellationToken ct)
    {
        // The pumps' writes are the engine's, not the request's: a keyed POST /v1/dev/clock records none of them.
        using var _ = IdempotencyScope.Suppress();
        await _gate.WaitAsync(ct);
        try
        {
            var target = clock.GetUtcNow() + by;
            await DrainAsync(ct);
            while (clock.GetUtcNow() < target)
            {
                var next = await NextDueAsync(ct);
                var step = next is { } due && due > clock.GetUtcNow() && due < target ? due : target;
                clock.SetUtcNow(step);
                await DrainAsync(ct);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The earliest time any pump has work scheduled, when the pumps can tell.</summary>
    private async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        DateTimeOffset? earliest = null;
        foreach (var pump in _pumps.OfType<IScheduledPump>())
        {
            if (await pump.NextDueAsync(ct) is { } due && (earliest is null || due < earliest))
            {
                earliest = due;
            }
        }

        return earliest;
    }

    private async Task DrainAsync(CancellationToken ct)
    {
        for (var round = 0; round < MaxRounds; round++)
        {
            var handled = 0;
            foreach (var pump in _pumps)
            {
                handled += await pump.RunDueAsync(ct);
            }

            if (handled == 0)
            {
                return;
            }
        }
    }

    /// <summary>
    /// With the dev clock, waits until no advance is running and keeps the next one from starting until the returned
    /// handle is disposed (background rounds then also run one at a time, which a test server can afford). Without it,
    /// null at once: production loops never wait for each other.
    /// </summary>
    public async Task<IDisposable?> ExcludeAdvancesAsync(CancellationToken ct)
    {
        if (!options.DevClock)
        {
            return null;
        }

        await _gate.WaitAsync(ct);
        return new Release(_gate);
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
