using System.Diagnostics.Metrics;

namespace Runnel.Core.Diagnostics;

/// <summary>
/// Counters of the runtime, published on the <c>Runnel</c> meter (for OpenTelemetry and dotnet-counters) and read by
/// the Prometheus endpoint. The meter comes from the host's <see cref="IMeterFactory"/>, which owns and disposes it.
/// </summary>
public sealed class RuntimeMetrics
{
    public const string MeterName = "Runnel";

    private readonly Meter _meter;
    private long _enrollments;
    private long _steps;
    private long _messages;
    private long _staleWrites;
    private long _inFlight;

    public RuntimeMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableCounter("runnel.enrollments", () => Enrollments, description: "Memberships started");
        _meter.CreateObservableCounter("runnel.steps_executed", () => StepsExecuted, description: "Flow steps executed");
        _meter.CreateObservableCounter("runnel.messages_queued", () => MessagesQueued,
            description: "Messages written to the outbox");
        _meter.CreateObservableCounter("runnel.stale_writes", () => StaleWrites,
            description: "Runner results refused because the member changed or was claimed by another node since");
    }

    public long Enrollments => Interlocked.Read(ref _enrollments);

    public long StepsExecuted => Interlocked.Read(ref _steps);

    public long MessagesQueued => Interlocked.Read(ref _messages);

    public long StaleWrites => Interlocked.Read(ref _staleWrites);

    /// <summary>Members this node's runner has claimed and not yet committed.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    public void Claimed(int members) => Interlocked.Add(ref _inFlight, members);

    public void Settled(int members) => Interlocked.Add(ref _inFlight, -members);

    public void Enrolled() => Interlocked.Increment(ref _enrollments);

    public void Executed(int steps) => Interlocked.Add(ref _steps, steps);

    public void Queued(int messages) => Interlocked.Add(ref _messages, messages);

    public void StaleWrite() => Interlocked.Increment(ref _staleWrites);
}
