using Runnel.Core.Members;

namespace Runnel.Core.Delivery;

/// <summary>An SMS claimed for sending, with the attempts made so far; <c>Message.Sms</c> is never null.</summary>
public sealed record PendingSms(Guid WorkspaceId, int Attempts, OutboundMessage Message);
