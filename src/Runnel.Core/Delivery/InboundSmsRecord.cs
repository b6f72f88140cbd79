namespace Runnel.Core.Delivery;

/// <summary>
/// An inbound SMS as handled: who sent it to which number, what it said, and where it went (<see cref="RoutedTo"/>:
/// <c>stop</c>, <c>help</c>, <c>start</c>, <c>reply</c>, <c>trigger</c> or <c>event</c>), with the member it reached.
/// </summary>
public sealed record InboundSmsRecord(
    Guid WorkspaceId,
    string ProviderMessageId,
    Guid ContactId,
    string From,
    string To,
    string Body,
    string RoutedTo,
    Guid? MemberId,
    DateTimeOffset ReceivedAt);
