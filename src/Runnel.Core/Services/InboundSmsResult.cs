namespace Runnel.Core.Services;

/// <summary>
/// What handling an inbound SMS did: its route (<see cref="Delivery.InboundSmsRoutes"/>), the contact, the member it
/// reached (a reply) or started (a keyword trigger), and whether it was a repeat of a message already handled.
/// </summary>
public sealed record InboundSmsResult(string RoutedTo, Guid ContactId, Guid? MemberId, bool Duplicate,
    bool ContactCreated);
