
using Runnel.Core.Members;

namespace Runnel.Core.Delivery;

/// <summary>An email claimed for sending, with the attempts made so far.</summary>
public sealed record PendingEmail(Guid WorkspaceId, int Attempts, OutboundMessage Message);
