using Runnel.Core.Delivery;
using Runnel.Core.Engine;
using Runnel.Server.Engine;

namespace Runnel.Server.Delivery;

/// <summary>Keeps the delivery pump going; the runner signals it when it queued new mail.</summary>
public sealed class DeliveryService(EmailDeliveryPump pump, DeliveryMode mode, TimeProvider time,
    ILogger<DeliveryService> logger) : ScheduledPumpService(pump, mode.Signal, time, logger);
