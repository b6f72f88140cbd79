
using Runnel.Core.Members;

namespace Runnel.Core.Delivery;

/// <summary>
/// Whether emails go out through a delivery pump (an SMTP server is configured) or stay in the local outbox, and the
/// signal that wakes the pump when the runner queued new ones.
/// </summary>
public sealed class DeliveryMode(bool deferred) : IDisposable
{
    public bool Deferred { get; } = deferred;

    public RunnerSignal Signal { get; } = new();

    public void Dispose() => Signal.Dispose();
}
