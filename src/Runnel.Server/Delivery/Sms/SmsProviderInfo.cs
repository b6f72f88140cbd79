namespace Runnel.Server.Delivery.Sms;

/// <summary>The configured SMS provider, or none: what the inbound webhooks check signatures against.</summary>
public sealed record SmsProviderInfo(SmsSettings? Settings)
{
    /// <summary>Twilio's auth token, when Twilio is the provider: the key of <c>X-Twilio-Signature</c>.</summary>
    public string? TwilioAuthToken => Settings is { Kind: SmsProviderKind.Twilio } twilio ? twilio.AuthToken : null;
}
