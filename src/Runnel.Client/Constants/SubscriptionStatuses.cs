namespace Runnel.Client;

/// <summary>Email and SMS subscription statuses of a contact.</summary>
public static class SubscriptionStatuses
{
    /// <summary><c>subscribed</c>: receives marketing messages.</summary>
    public const string Subscribed = "subscribed";

    /// <summary><c>unsubscribed</c>: opted out.</summary>
    public const string Unsubscribed = "unsubscribed";

    /// <summary><c>non_subscribed</c>: never opted in (the default).</summary>
    public const string NonSubscribed = "non_subscribed";
}
