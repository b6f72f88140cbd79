namespace Runnel.Core.Members;

/// <summary>
/// What a waiting member waits for. Stored with the member so a change to a contact can wake exactly its condition
/// waits without touching timed ones.
/// </summary>
public static class WaitKinds
{
    public const string Duration = "duration";
    public const string Date = "date";
    public const string Condition = "condition";

    /// <summary>A <c>send_webhook</c> step's delivery: no wake time; the webhook pump wakes the member when done.</summary>
    public const string Webhook = "webhook";

    /// <summary>A <c>wait_for_reply</c> step: an inbound SMS or its timeout wakes the member.</summary>
    public const string Reply = "reply";

    /// <summary>A <c>send_sms</c> deferred to the end of the quiet window; the session TTL does not run meanwhile.</summary>
    public const string QuietHours = "quiet_hours";
}
