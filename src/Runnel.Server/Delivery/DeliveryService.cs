using Runnel.Core.Delivery;
using Runnel.Core.Engine;
using Runnel.Server.Engine;

namespace Runnel.Server.Delivery;

/// <summary>Keeps the delivery pump going; a commit that queued mail signals it.</summary>
public sealed class DeliveryService(EmailDeliveryPump pump, DeliveryMode mode, PumpLoopContext context,
    ILogger<DeliveryService> logger) : ScheduledPumpService(pump, mode.Signal, context, logger);
