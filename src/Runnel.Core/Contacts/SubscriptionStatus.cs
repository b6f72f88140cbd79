namespace Runnel.Core.Contacts;

/// <summary>Wire values: subscribed, unsubscribed, non_subscribed (the default).</summary>
public enum SubscriptionStatus
{
    NonSubscribed,
    Subscribed,
    Unsubscribed,
}
