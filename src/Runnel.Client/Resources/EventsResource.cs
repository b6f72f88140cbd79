namespace Runnel.Client;

/// <summary>Custom events (API.md §5); they fire <c>event</c> triggers and feed rule trees.</summary>
public sealed class EventsResource
{
    private static readonly RunnelJsonContext Json = RunnelJsonContext.Default;
    private readonly RunnelTransport _transport;

    internal EventsResource(RunnelTransport transport) => _transport = transport;

    /// <summary>
    /// Records an event for a contact named by id, email, phone or external id (an unknown address creates the
    /// contact). A repeated <see cref="TrackEventRequest.EventId"/> is accepted and ignored.
    /// </summary>
    public Task<TrackEventResult> TrackAsync(TrackEventRequest request, CancellationToken cancellationToken = default) =>
        TrackAsync(request, null, cancellationToken);

    /// <summary>Records an event, with per-call options.</summary>
    public Task<TrackEventResult> TrackAsync(TrackEventRequest request, RequestOptions? requestOptions,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.EventsTrack, RunnelRoutes.EventsTrack.Path(),
            FlowsResource.Required(request), Json.TrackEventResult, requestOptions, cancellationToken);
}
