using Runnel.Core.Delivery;
using Runnel.Core.Engine;
using Runnel.Server.Engine;

namespace Runnel.Server.Delivery.Sms;

/// <summary>Keeps the SMS pump going; the runner and the inbound handler signal it when they queued messages.</summary>
public sealed class SmsDeliveryService(SmsDeliveryPump pump, SmsDeliveryMode mode, TimeProvider time,
    ILogger<SmsDeliveryService> logger) : ScheduledPumpService(pump, mode.Signal, time, logger);
