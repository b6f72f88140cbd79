namespace Runnel.Server.Delivery.Sms;

/// <summary>Which provider <c>RUNNEL_SMS_URL</c> names.</summary>
public enum SmsProviderKind
{
    Twilio,
    Generic,
}
