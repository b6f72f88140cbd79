namespace Runnel.Core.Contacts;

/// <summary>The wire names of <see cref="SubscriptionStatus"/>.</summary>
public static class SubscriptionStatuses
{
    public const string Subscribed = "subscribed";
    public const string Unsubscribed = "unsubscribed";
    public const string NonSubscribed = "non_subscribed";

    public static string ToWire(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Subscribed => Subscribed,
        SubscriptionStatus.Unsubscribed => Unsubscribed,
        _ => NonSubscribed,
    };

    public static bool TryParse(string? value, out SubscriptionStatus status)
    {
        switch (value)
        {
            case Subscribed:
                status = SubscriptionStatus.Subscribed;
                return true;
            case Unsubscribed:
                status = SubscriptionStatus.Unsubscribed;
                return true;
            case NonSubscribed:
                status = SubscriptionStatus.NonSubscribed;
                return true;
            default:
                status = SubscriptionStatus.NonSubscribed;
                return false;
        }
    }
}
