using Runnel.Core.Members;

namespace Runnel.Core.Delivery;

/// <summary>
/// Whether SMS go out through the SMS pump (<c>RUNNEL_SMS_URL</c> names a provider) or stay in the local outbox, and
/// the signal that wakes the pump when new ones were queued.
/// </summary>
public sealed class SmsDeliveryMode(bool deferred) : IDisposable
{
    public bool Deferred { get; } = deferred;

    public RunnerSignal Signal { get; } = new();

    /// <summary>The outbox status a new SMS starts in: pending for the pump, or local (the outbox is the destination).</summary>
    public string InitialStatus => Deferred ? OutboxStatuses.Pending : OutboxStatuses.Local;

    public void Dispose() => Signal.Dispose();
}
