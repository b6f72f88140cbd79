using Runnel.Core.Delivery;
using Runnel.Core.Engine;
using Runnel.Server.Engine;

namespace Runnel.Server.Delivery.Sms;

/// <summary>Keeps the SMS pump going; a commit that queued SMS (the runner's, the inbound handler's) signals it.</summary>
public sealed class SmsDeliveryService(SmsDeliveryPump pump, SmsDeliveryMode mode, PumpLoopContext context,
    ILogger<SmsDeliveryService> logger) : ScheduledPumpService(pump, mode.Signal, context, logger);
